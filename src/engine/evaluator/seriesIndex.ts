import type { LabelMatcher } from '../../library/promql/ast.js';
import { compareLabels, getLabel, labelsKey, METRIC_NAME, type Labels } from './labelSet.js';
import { labelMatches } from './regexps.js';

/** The samples of one series, oldest first. A stale marker is kept as `stale: true`. */
export interface StoredSeries {
  readonly labels: Labels;
  /** labelsKey(labels), computed once: hashing a fresh key per sample was most of append's time. */
  readonly key: string;
  readonly t: number[];
  readonly v: number[];
  readonly stale: boolean[];
  /** How many samples are staleness markers; with none, a range read copies without checking each. */
  staleCount: number;
}

/** The series matching one selector in one order, and what any of their matchers threw. */
interface Selection {
  series: StoredSeries[];
  failures: Map<StoredSeries, unknown> | undefined;
  /** The latest first sample among them: a view past it sees them all. */
  allVisibleFrom: number;
}

/**
 * Series that share a metric name (or, for the index's `all` group, every series), in
 * creation order, with the orders and selector matches computed from them. Both caches are
 * dropped whenever a member is added or removed, which after loading the inputs happens
 * only when a rule writes a label set for the first time.
 */
class SeriesGroup {
  readonly members: StoredSeries[] = [];
  private ordered = new Map<number, StoredSeries[]>();
  /** Keyed by the selector's matcher array, which the parsed expression keeps across steps. */
  private selections = new WeakMap<readonly LabelMatcher[], Map<number, Selection>>();

  add(series: StoredSeries): void {
    this.members.push(series);
    this.invalidate();
  }

  remove(series: StoredSeries): void {
    const i = this.members.indexOf(series);
    if (i >= 0) this.members.splice(i, 1);
    this.invalidate();
  }

  private invalidate(): void {
    this.ordered.clear();
    this.selections = new WeakMap();
  }

  /**
   * Members sorted by labels (seed 0) or by their seeded hash. The sort is stable, so a
   * subset sorts the same way as it did inside the whole store, where hash ties fell back
   * to creation order.
   */
  inOrder(seed: number): StoredSeries[] {
    let sorted = this.ordered.get(seed);
    if (!sorted) {
      if (seed === 0) sorted = [...this.members].sort((a, b) => compareLabels(a.labels, b.labels));
      else {
        sorted = this.members
          .map((series) => ({ series, position: seededHash(seed, series.key) }))
          .sort((a, b) => a.position - b.position)
          .map((x) => x.series);
      }
      this.ordered.set(seed, sorted);
    }
    return sorted;
  }

  /**
   * Members whose labels satisfy every matcher, in the seed's order. A matcher that throws
   * (a regexp Prometheus rejects) is remembered per series rather than thrown, because
   * Prometheus only fails when it tests a series the query can see.
   */
  matching(matchers: readonly LabelMatcher[], seed: number): Selection {
    let bySeed = this.selections.get(matchers);
    if (!bySeed) this.selections.set(matchers, (bySeed = new Map()));
    let selection = bySeed.get(seed);
    if (!selection) {
      selection = { series: [], failures: undefined, allVisibleFrom: -Infinity };
      for (const series of this.inOrder(seed)) {
        // A first sample only ever moves earlier, so this bound stays safe.
        selection.allVisibleFrom = Math.max(selection.allVisibleFrom, series.t[0]!);
        try {
          if (matchers.every((m) => labelMatches(m, getLabel(series.labels, m.name)))) selection.series.push(series);
        } catch (e) {
          selection.series.push(series);
          (selection.failures ??= new Map()).set(series, e);
        }
      }
      bySeed.set(seed, selection);
    }
    return selection;
  }
}

/**
 * Every series of a MemoryStorage by key, plus a group per metric name so a selector only
 * looks at series of its own name, with its matches cached until the group changes.
 */
export class SeriesIndex {
  readonly byKey = new Map<string, StoredSeries>();
  private readonly byName = new Map<string, SeriesGroup>();
  /** Selectors without a metric name look at everything. */
  private readonly all = new SeriesGroup();

  create(labels: Labels, key: string): StoredSeries {
    const series: StoredSeries = { labels, key, t: [], v: [], stale: [], staleCount: 0 };
    this.byKey.set(key, series);
    const name = getLabel(labels, METRIC_NAME);
    let group = this.byName.get(name);
    if (!group) this.byName.set(name, (group = new SeriesGroup()));
    group.add(series);
    this.all.add(series);
    return series;
  }

  delete(key: string): void {
    const series = this.byKey.get(key);
    if (!series) return;
    this.byKey.delete(key);
    this.byName.get(getLabel(series.labels, METRIC_NAME))?.remove(series);
    this.all.remove(series);
  }

  /**
   * Series named `name` (any name when undefined) that satisfy `matchers` and have a sample
   * at or before `horizonMs`, in the seed's order. Throws what a matcher threw for the first
   * such series it failed on, as Prometheus's querier would.
   */
  select(name: string | undefined, matchers: readonly LabelMatcher[], seed: number, horizonMs: number): readonly StoredSeries[] {
    const group = name === undefined ? this.all : this.byName.get(name);
    if (!group) return NONE;
    const { series, failures, allVisibleFrom } = group.matching(matchers, seed);
    // Shared, not copied: selectors run at every step and only read the list.
    if (!failures && horizonMs >= allVisibleFrom) return series;
    const out: StoredSeries[] = [];
    for (const s of series) {
      if (!(s.t[0]! <= horizonMs)) continue;
      if (failures?.has(s)) throw failures.get(s);
      out.push(s);
    }
    return out;
  }

  /** The position key of a label set under a seed's order. */
  static orderKey(seed: number, labels: Labels): number {
    return seededHash(seed, labelsKey(labels));
  }
}

const NONE: readonly StoredSeries[] = [];

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
