import type { LabelMatcher } from '../../library/promql/ast.js';

/**
 * The recording rules of a project by the name they record, found by the equality matchers a
 * selector puts on the labels the rules set themselves: a thousand SLOs each record
 * `slo:sli_error:ratio_rate5m`, told apart by `slo` and `service`, and a selector of one SLO's
 * series should not test the other 999.
 */
export class RecordedNames<T> {
  private readonly byName = new Map<string, { all: T[]; labelled: Map<string, Map<string, number[]>>; unlabelled: Map<string, number[]> }>();

  constructor(
    entries: Iterable<readonly [name: string, item: T]>,
    private readonly labelsOf: (item: T) => Readonly<Record<string, string>>,
  ) {
    for (const [name, item] of entries) this.add(name, item);
  }

  private add(name: string, item: T): void {
    let entry = this.byName.get(name);
    if (!entry) this.byName.set(name, (entry = { all: [], labelled: new Map(), unlabelled: new Map() }));
    entry.all.push(item);
    const at = entry.all.length - 1;
    for (const [label, value] of Object.entries(this.labelsOf(item))) {
      let byValue = entry.labelled.get(label);
      if (!byValue) entry.labelled.set(label, (byValue = new Map()));
      byValue.set(value, [...(byValue.get(value) ?? []), at]);
    }
  }

  /** Every rule recording `name`. */
  all(name: string): readonly T[] {
    return this.byName.get(name)?.all ?? [];
  }

  /**
   * The rules recording `name` whose own labels do not contradict an equality matcher of
   * `matchers`, in the order they were given; callers still test every matcher.
   */
  candidates(name: string, matchers: readonly LabelMatcher[]): readonly T[] {
    const entry = this.byName.get(name);
    if (!entry) return [];
    let best: number[] | undefined;
    for (const m of matchers) {
      if (m.op !== '=') continue;
      const positions = [...(entry.labelled.get(m.name)?.get(m.value) ?? []), ...this.without(entry, m.name)];
      if (!best || positions.length < best.length) best = positions;
    }
    return best ? best.sort((a, b) => a - b).map((i) => entry.all[i]!) : entry.all;
  }

  /** Positions of the rules that do not set `label` themselves (any value can come from their query). */
  private without(entry: { all: T[]; unlabelled: Map<string, number[]> }, label: string): number[] {
    let list = entry.unlabelled.get(label);
    if (!list) {
      list = entry.all.flatMap((item, i) => (label in this.labelsOf(item) ? [] : [i]));
      entry.unlabelled.set(label, list);
    }
    return list;
  }
}
