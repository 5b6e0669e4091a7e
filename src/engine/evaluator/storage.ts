import type { LabelMatcher } from '../../library/promql/ast.js';
import { EvaluationError } from './errors.js';
import { fromRecord, labelsKey, type Labels } from './labelSet.js';
import { SeriesIndex, type StoredSeries } from './seriesIndex.js';

export type { StoredSeries } from './seriesIndex.js';

/** One value of an input series: a number, a gap (`_`), or a staleness marker (`stale`). */
export type SampleValue = number | null | 'stale';

/** An input series as a promtool test group lists it; `labels` include `__name__`. */
export interface SeriesInput {
  labels: Readonly<Record<string, string>>;
  values: readonly SampleValue[];
}

/**
 * In-memory series store with TSDB semantics the evaluator depends on: samples ordered by
 * time, staleness markers, and appends that reject a different value at an existing
 * timestamp. `until(t)` gives a view that hides later samples, which is how promtool's
 * lazy loader sees the data at each evaluation step.
 */
export class MemoryStorage {
  private constructor(
    private readonly index: SeriesIndex,
    /** Samples after this time are invisible through this view. */
    readonly horizonMs: number,
    /** 0 lists series sorted by labels; any other value a fixed pseudo-random order. */
    readonly orderSeed: number,
  ) {}

  static empty(): MemoryStorage {
    return new MemoryStorage(new SeriesIndex(), Infinity, 0);
  }

  /**
   * Loads a promtool test group's input series: value i lands at i × intervalMs, a null
   * leaves a gap, 'stale' writes a staleness marker. A series listed twice keeps the last
   * definition, as promtool's loader does.
   */
  static fromInputs(intervalMs: number, inputs: readonly SeriesInput[]): MemoryStorage {
    const storage = MemoryStorage.empty();
    const index = storage.index;
    for (const input of inputs) {
      const labels = fromRecord(input.labels);
      const key = labelsKey(labels);
      index.delete(key);
      // Created at its first sample, as append would: creation order decides seeded orders.
      let series: StoredSeries | undefined;
      const values = input.values;
      for (let i = 0; i < values.length; i++) {
        const value = values[i]!;
        if (value === null) continue;
        series ??= index.create(labels, key);
        appendSample(series, i * intervalMs, value);
      }
    }
    return storage;
  }

  /** A view of the same data that hides samples later than `tMs`. */
  until(tMs: number): MemoryStorage {
    return new MemoryStorage(this.index, Math.min(tMs, this.horizonMs), this.orderSeed);
  }

  /**
   * A view listing series in another fixed order. promtool's storage returns series in the
   * order they were created, and its loader creates them in Go's random map order, so sums
   * over several series and ties in topk can differ between promtool runs. Evaluating under
   * a few orders tells whether a result is safe to pin in a test (see evaluateOrderChecked).
   */
  withSeriesOrder(seed: number): MemoryStorage {
    return new MemoryStorage(this.index, this.horizonMs, seed);
  }

  /** The position key of a label set under this view's order (only meaningful with a seed). */
  orderKey(labels: Labels): number {
    return SeriesIndex.orderKey(this.orderSeed, labels);
  }

  /**
   * Appends a sample. Like the TSDB head, an identical sample at an existing timestamp is a
   * no-op and a different one is an error; a stale marker never fails (Prometheus ignores
   * those errors when it writes markers). Returns the series, for appendTo.
   */
  append(labels: Labels | Readonly<Record<string, string>>, tMs: number, value: number | 'stale'): StoredSeries {
    const set: Labels = Array.isArray(labels) ? (labels as Labels) : fromRecord(labels as Record<string, string>);
    const key = labelsKey(set);
    const series = this.index.byKey.get(key) ?? this.index.create(set, key);
    appendSample(series, tMs, value);
    return series;
  }

  /** Appends to a series that append returned, without building and hashing its key again. */
  appendTo(series: StoredSeries, tMs: number, value: number | 'stale'): void {
    appendSample(series, tMs, value);
  }

  /** Series matching a selector, sorted by labels as Prometheus's querier returns them. */
  select(name: string | undefined, matchers: readonly LabelMatcher[]): StoredSeries[] {
    return [...this.selectShared(name, matchers)];
  }

  /** select() without the copy: the array may be handed out again, and must not be changed. */
  selectShared(name: string | undefined, matchers: readonly LabelMatcher[]): readonly StoredSeries[] {
    return this.index.select(name, matchers, this.orderSeed, this.horizonMs);
  }

  /** How many of a series' samples this view can see. */
  visibleCount(series: StoredSeries): number {
    return this.horizonMs === Infinity ? series.t.length : upperBound(series.t, this.horizonMs, series.t.length);
  }

  /** Every stored series, sorted by labels. */
  allSeries(): StoredSeries[] {
    return this.select(undefined, []);
  }
}

/** The TSDB head's append rules (see MemoryStorage.append); a sample after the last one is pushed. */
function appendSample(series: StoredSeries, tMs: number, value: number | 'stale'): void {
  const stale = value === 'stale';
  const v = stale ? NaN : value;
  const n = series.t.length;
  if (n === 0 || series.t[n - 1]! < tMs) {
    series.t.push(tMs);
    series.v.push(v);
    series.stale.push(stale);
    if (stale) series.staleCount++;
    return;
  }
  const i = upperBound(series.t, tMs, n);
  if (i > 0 && series.t[i - 1] === tMs) {
    const same = series.stale[i - 1] === stale && Object.is(series.v[i - 1], v);
    if (same || stale) return;
    throw new EvaluationError(`duplicate sample for timestamp ${tMs} of ${series.key.replace(/\xff/g, ' ')}`);
  }
  series.t.splice(i, 0, tMs);
  series.v.splice(i, 0, v);
  series.stale.splice(i, 0, stale);
  if (stale) series.staleCount++;
}

/** Index of the first element greater than `x` among the first `n`. */
export function upperBound(sorted: readonly number[], x: number, n: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
