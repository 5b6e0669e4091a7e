import type { LabelGuard } from './labelGuard.js';

/** A validated label set, in the metric's declared label order, owned by its series. */
export type SeriesLabels = Readonly<Record<string, string>>;

/** One level per declared label: the last level holds the series, the others the next level. */
type Level<S> = Map<string, Level<S> | S>;

/**
 * The series of one metric, found by their label values. prom-client hashes and re-validates
 * the label object on every call; a service records a score of samples per request, mostly
 * into series it has seen before, so here a known series costs one map lookup per label,
 * keyed by the value itself (a string from config or a constant, whose hash V8 keeps): no
 * key is built, nothing is allocated. A label set is checked by the guard once, when its
 * series is created; later calls with the same values are not checked again for labels the
 * metric does not declare (the types reject those; an extra label would be ignored, never
 * make a new series).
 * @example
 * const table = new SeriesTable(['route'], guard, (labels) => ({ labels, value: 0 }));
 * table.of({ route: 'chat' }).value += 1;
 */
export class SeriesTable<S extends { readonly labels: SeriesLabels }> {
  private root: Level<S> = new Map();
  /** Every series, in the order they were created. */
  private rows: S[] = [];

  constructor(
    private readonly names: readonly string[],
    private readonly guard: LabelGuard,
    private readonly create: (labels: SeriesLabels) => S,
  ) {}

  /** The series named by `labels`, created (after the guard's check) on first use. */
  of(labels: unknown): S {
    return this.find(labels) ?? this.add(labels);
  }

  /** Every series, in the order they were created. */
  values(): readonly S[] {
    return this.rows;
  }

  get size(): number {
    return this.rows.length;
  }

  clear(): void {
    this.root = new Map();
    this.rows = [];
  }

  private find(labels: unknown): S | undefined {
    if (typeof labels !== 'object' || labels === null) return undefined;
    const record = labels as Record<string, unknown>;
    let level: Level<S> | S | undefined = this.root;
    for (const name of this.names) {
      const value = record[name];
      if (typeof value !== 'string') return undefined;
      level = (level as Level<S>).get(value);
      if (level === undefined) return undefined;
    }
    // A metric without labels keeps its one series under the empty key.
    return this.names.length === 0 ? ((level as Level<S>).get('') as S | undefined) : (level as S);
  }

  private add(labels: unknown): S {
    const checked = this.guard(labels);
    const own: Record<string, string> = {};
    for (const name of this.names) own[name] = checked[name]!;
    const row = this.create(own);
    const path = this.names.length === 0 ? [''] : this.names.map((name) => own[name]!);
    let level = this.root;
    for (const value of path.slice(0, -1)) {
      let next = level.get(value) as Level<S> | undefined;
      if (!next) level.set(value, (next = new Map()));
      level = next;
    }
    level.set(path.at(-1)!, row);
    this.rows.push(row);
    return row;
  }
}
