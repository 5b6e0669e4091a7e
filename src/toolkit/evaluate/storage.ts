import type { LabelMatcher } from '../promql/ast.js';
import { EvaluationError } from './errors.js';
import { compareLabels, fromRecord, getLabel, labelsKey, METRIC_NAME, type Labels } from './labelSet.js';
import { labelMatches } from './regexps.js';

/** One value of an input series: a number, a gap (`_`), or a staleness marker (`stale`). */
export type SampleValue = number | null | 'stale';

/** An input series as a promtool test group lists it; `labels` include `__name__`. */
export interface SeriesInput {
  labels: Readonly<Record<string, string>>;
  values: readonly SampleValue[];
}

/** The samples of one series, oldest first. A stale marker is kept as `stale: true`. */
export interface StoredSeries {
  readonly labels: Labels;
  readonly t: number[];
  readonly v: number[];
  readonly stale: boolean[];
}

interface Shared {
  series: Map<string, StoredSeries>;
  /** Series lists per order seed, dropped whenever a series is created. */
  ordered: Map<number, StoredSeries[]>;
}

/**
 * In-memory series store with TSDB semantics the evaluator depends on: samples ordered by
 * time, staleness markers, and appends that reject a different value at an existing
 * timestamp. `until(t)` gives a view that hides later samples, which is how promtool's
 * lazy loader sees the data at each evaluation step.
 */
export class MemoryStorage {
  private constructor(
    private readonly shared: Shared,
    /** Samples after this time are invisible through this view. */
    readonly horizonMs: number,
    /** 0 lists series sorted by labels; any other value a fixed pseudo-random order. */
    readonly orderSeed: number,
  ) {}

  static empty(): MemoryStorage {
    return new MemoryStorage({ series: new Map(), ordered: new Map() }, Infinity, 0);
  }

  /**
   * Loads a promtool test group's input series: value i lands at i × intervalMs, a null
   * leaves a gap, 'stale' writes a staleness marker. A series listed twice keeps the last
   * definition, as promtool's loader does.
   */
  static fromInputs(intervalMs: number, inputs: readonly SeriesInput[]): MemoryStorage {
    const storage = MemoryStorage.empty();
    for (const input of inputs) {
      const labels = fromRecord(input.labels);
      storage.shared.series.delete(labelsKey(labels));
      storage.shared.ordered.clear();
      input.values.forEach((value, i) => {
        if (value !== null) storage.append(labels, i * intervalMs, value);
      });
    }
    return storage;
  }

  /** A view of the same data that hides samples later than `tMs`. */
  until(tMs: number): MemoryStorage {
    return new MemoryStorage(this.shared, Math.min(tMs, this.horizonMs), this.orderSeed);
  }

  /**
   * A view listing series in another fixed order. promtool's storage returns series in the
   * order they were created, and its loader creates them in Go's random map order, so sums
   * over several series and ties in topk can differ between promtool runs. Evaluating under
   * a few orders tells whether a result is safe to pin in a test (see evaluateOrderChecked).
   */
  withSeriesOrder(seed: number): MemoryStorage {
    return new MemoryStorage(this.shared, this.horizonMs, seed);
  }

  /** The position key of a label set under this view's order (only meaningful with a seed). */
  orderKey(labels: Labels): number {
    return seededHash(this.orderSeed, labelsKey(labels));
  }

  /**
   * Appends a sample. Like the TSDB head, an identical sample at an existing timestamp is a
   * no-op and a different one is an error; a stale marker never fails (Prometheus ignores
   * those errors when it writes markers).
   */
  append(labels: Labels | Readonly<Record<string, string>>, tMs: number, value: number | 'stale'): void {
    const set: Labels = Array.isArray(labels) ? (labels as Labels) : fromRecord(labels as Record<string, string>);
    const key = labelsKey(set);
    let series = this.shared.series.get(key);
    if (!series) {
      series = { labels: set, t: [], v: [], stale: [] };
      this.shared.series.set(key, series);
      this.shared.ordered.clear();
    }
    const stale = value === 'stale';
    const v = stale ? NaN : value;
    const i = upperBound(series.t, tMs, series.t.length);
    if (i > 0 && series.t[i - 1] === tMs) {
      const same = series.stale[i - 1] === stale && Object.is(series.v[i - 1], v);
      if (same || stale) return;
      throw new EvaluationError(`duplicate sample for timestamp ${tMs} of ${key.replace(/\xff/g, ' ')}`);
    }
    series.t.splice(i, 0, tMs);
    series.v.splice(i, 0, v);
    series.stale.splice(i, 0, stale);
  }

  /** Series matching a selector, sorted by labels as Prometheus's querier returns them. */
  select(name: string | undefined, matchers: readonly LabelMatcher[]): StoredSeries[] {
    let all = this.shared.ordered.get(this.orderSeed);
    if (!all) {
      all = [...this.shared.series.values()].sort((a, b) =>
        this.orderSeed === 0 ? compareLabels(a.labels, b.labels) : this.orderKey(a.labels) - this.orderKey(b.labels),
      );
      this.shared.ordered.set(this.orderSeed, all);
    }
    const checks = name === undefined ? matchers : [{ name: METRIC_NAME, op: '=' as const, value: name }, ...matchers];
    return all.filter((s) => this.visibleCount(s) > 0 && checks.every((m) => labelMatches(m, getLabel(s.labels, m.name))));
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

/** FNV-1a over the seed and the text: a stable pseudo-random position per series. */
function seededHash(seed: number, text: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d) >>> 0;
  return (h ^ (h >>> 12)) >>> 0;
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
