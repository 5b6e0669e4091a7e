import type { Catalog } from './define.js';
import type { AnyMetric } from './metric.js';
import { TARGET_LABELS } from '../labels.js';

const OPEN_LABELLED = new Set(['ALERTS', 'ALERTS_FOR_STATE']);

/** How a series behaves: counters only make sense through rate/increase. */
export type SeriesType = 'counter' | 'gauge';

/** One name a query can select: a metric, one of a histogram's series, or a recording rule. */
export interface SeriesInfo {
  readonly name: string;
  readonly type: SeriesType;
  /** Label name → closed values, or undefined for an open label. */
  readonly labels: ReadonlyMap<string, readonly string[] | undefined>;
  /** When false, the series may carry labels beyond `labels` (labels could not be inferred). */
  readonly labelsComplete: boolean;
  readonly origin:
    | { kind: 'metric'; metric: AnyMetric; catalog: Catalog; part?: 'bucket' | 'count' | 'sum' }
    | { kind: 'recording'; rule: string };
  /** Bucket upper bounds, for a histogram's `_bucket` series. */
  readonly buckets?: readonly number[];
  /** Named values of an enum gauge. */
  readonly states?: Readonly<Record<string, number>>;
}

type LabelValues = ReadonlyMap<string, readonly string[] | undefined>;

/**
 * The labels of series that any of two rules may produce under one name: values united, and
 * open where either is open or only one rule sets the label (it is optional on the name).
 */
export function mergeLabelValues(a: LabelValues, b: LabelValues): Map<string, readonly string[] | undefined> {
  const merged = new Map(a);
  for (const [k, v] of b) {
    const mine = merged.has(k) ? merged.get(k) : v;
    merged.set(k, mine && v ? [...new Set([...mine, ...v])] : undefined);
  }
  for (const k of merged.keys()) if (!a.has(k) || !b.has(k)) merged.set(k, undefined);
  return merged;
}

/**
 * The rules that record one name, indexed by their closed label values: with a thousand SLOs
 * recording `slo:sli_error:ratio_rate5m`, a selector pinned to one SLO finds its rule
 * without testing the other 999.
 */
class RecordingVariants {
  private readonly all: LabelValues[] = [];
  /** Label → value → positions in `all` of the rules whose closed values include it. */
  private readonly closed = new Map<string, Map<string, number[]>>();
  /** Label → positions in `all` of the rules where the label is open. */
  private readonly open = new Map<string, number[]>();

  get count(): number {
    return this.all.length;
  }

  add(labels: LabelValues): this {
    const at = this.all.push(labels) - 1;
    for (const [name, values] of labels) {
      if (values === undefined) {
        push(this.open, name, at);
        continue;
      }
      let byValue = this.closed.get(name);
      if (!byValue) this.closed.set(name, (byValue = new Map()));
      for (const v of new Set(values)) push(byValue, v, at);
    }
    return this;
  }

  matching(pins: readonly { name: string; value: string }[]): LabelValues[] {
    if (pins.length === 0) return [...this.all];
    // Start from the pin fewest rules can carry (an SLO's name may repeat across services).
    const lists = pins.map((m) => [...(this.closed.get(m.name)?.get(m.value) ?? []), ...(this.open.get(m.name) ?? [])]);
    const fewest = lists.reduce((a, b) => (b.length < a.length ? b : a));
    return fewest
      .sort((a, b) => a - b)
      .map((i) => this.all[i]!)
      .filter((v) => pins.every((m) => v.has(m.name) && (v.get(m.name) === undefined || v.get(m.name)!.includes(m.value))));
  }
}

function push<K>(map: Map<K, number[]>, key: K, at: number): void {
  const list = map.get(key);
  if (list) list.push(at);
  else map.set(key, [at]);
}

/** Every selectable name of the project, built once from the catalogs and recording rules. */
export class MetricIndex {
  private readonly byName = new Map<string, SeriesInfo>();
  /** Each recording rule's own labels, per recorded name: many SLOs record one name apart by label. */
  private readonly recordings = new Map<string, RecordingVariants>();
  /** Names declared twice, with where; the catalog lint reports them. */
  readonly collisions: { name: string; first: SeriesInfo; second: SeriesInfo }[] = [];

  constructor(catalogs: readonly Catalog[]) {
    for (const catalog of catalogs) {
      for (const metric of Object.values(catalog.metrics)) this.addMetric(catalog, metric);
    }
  }

  private put(info: SeriesInfo): void {
    const existing = this.byName.get(info.name);
    if (existing) {
      this.collisions.push({ name: info.name, first: existing, second: info });
      return;
    }
    this.byName.set(info.name, info);
  }

  private addMetric(catalog: Catalog, metric: AnyMetric): void {
    const labels = new Map<string, readonly string[] | undefined>();
    for (const [name, values] of Object.entries(metric.info.labels)) labels.set(name, values === 'open' ? undefined : values);
    for (const t of TARGET_LABELS) if (!labels.has(t)) labels.set(t, undefined);
    // ALERTS carries every label of every alert: its label set cannot be known here.
    const base = { labelsComplete: !OPEN_LABELLED.has(metric.info.name) };
    if (metric.type === 'histogram') {
      const le = [...metric.buckets.map(String), '+Inf'];
      this.put({ ...base, name: `${metric.info.name}_bucket`, type: 'counter', labels: new Map([...labels, ['le', le]]), origin: { kind: 'metric', metric, catalog, part: 'bucket' }, buckets: metric.buckets });
      this.put({ ...base, name: `${metric.info.name}_count`, type: 'counter', labels, origin: { kind: 'metric', metric, catalog, part: 'count' } });
      this.put({ ...base, name: `${metric.info.name}_sum`, type: 'counter', labels, origin: { kind: 'metric', metric, catalog, part: 'sum' } });
      return;
    }
    const states = metric.type === 'gauge' ? metric.states : undefined;
    this.put({ ...base, name: metric.info.name, type: metric.type, labels, origin: { kind: 'metric', metric, catalog }, ...(states ? { states } : {}) });
  }

  /**
   * Adds a recording rule's output, with the labels inferred from its expression. Several
   * rules may record one name (every SLO records slo:sli_error:ratio_rate5m): their labels and
   * closed values are merged.
   */
  addRecording(name: string, labels: LabelValues, complete: boolean): void {
    const existing = this.byName.get(name);
    if (existing?.origin.kind !== 'recording') {
      this.put({ name, type: 'gauge', labels, labelsComplete: complete, origin: { kind: 'recording', rule: name } });
      this.recordings.set(name, new RecordingVariants().add(labels));
      return;
    }
    this.recordings.get(name)?.add(labels);
    this.byName.set(name, { ...existing, labels: mergeLabelValues(existing.labels, labels), labelsComplete: existing.labelsComplete && complete });
  }

  /** How many rules record `name`. */
  recordingVariantCount(name: string): number {
    return this.recordings.get(name)?.count ?? 0;
  }

  /**
   * The label sets of the rules recording `name` that can carry every pinned label value (the
   * label is theirs, closed to a list holding the value, or open), in the order the rules
   * were added.
   */
  recordingVariantsMatching(name: string, pins: readonly { name: string; value: string }[]): readonly LabelValues[] {
    return this.recordings.get(name)?.matching(pins) ?? [];
  }

  get(name: string): SeriesInfo | undefined {
    return this.byName.get(name);
  }

  names(): string[] {
    return [...this.byName.keys()].sort();
  }
}
