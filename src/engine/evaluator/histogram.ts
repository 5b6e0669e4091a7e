/**
 * Quantiles as Prometheus 2.42's promql/quantile.go computes them: classic `le` buckets
 * for histogram_quantile, and sample quantiles for quantile() and quantile_over_time().
 */

export interface Bucket {
  upperBound: number;
  count: number;
}

/** Go's sort.Search: the first index in [0, n) where `pred` holds, by bisection. */
export function goSearch(n: number, pred: (i: number) => boolean): number {
  let i = 0;
  let j = n;
  while (i < j) {
    const h = (i + j) >>> 1;
    if (!pred(h)) i = h + 1;
    else j = h;
  }
  return i;
}

/** Merges buckets with the same upper bound (they come from series that differ elsewhere). */
function coalesce(buckets: Bucket[]): Bucket[] {
  const out: Bucket[] = [];
  let last = { ...buckets[0]! };
  for (const b of buckets.slice(1)) {
    if (b.upperBound === last.upperBound) last.count += b.count;
    else {
      out.push(last);
      last = { ...b };
    }
  }
  out.push(last);
  return out;
}

/**
 * Counts must not decrease with the bound; rate() over buckets scraped at slightly different
 * moments breaks that, so 2.42 raises each count to the running maximum.
 */
function ensureMonotonic(buckets: Bucket[]): void {
  let max = buckets[0]!.count;
  for (let i = 1; i < buckets.length; i++) {
    const c = buckets[i]!.count;
    if (c > max) max = c;
    else if (c < max) buckets[i]!.count = max;
  }
}

/**
 * histogram_quantile over classic buckets. NaN for q = NaN, fewer than two buckets, no +Inf
 * bucket or no observations; ±Inf for q outside [0, 1]; the second-highest bound when the
 * rank lands in the +Inf bucket; linear interpolation (from 0 in the lowest bucket) otherwise.
 */
export function bucketQuantile(q: number, input: readonly Bucket[]): number {
  if (Number.isNaN(q)) return NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  const sorted = [...input].sort((a, b) => (a.upperBound < b.upperBound ? -1 : a.upperBound > b.upperBound ? 1 : 0));
  if (sorted[sorted.length - 1]!.upperBound !== Infinity) return NaN;
  const buckets = coalesce(sorted);
  ensureMonotonic(buckets);
  if (buckets.length < 2) return NaN;
  const observations = buckets[buckets.length - 1]!.count;
  if (observations === 0) return NaN;
  let rank = q * observations;
  const b = goSearch(buckets.length - 1, (i) => buckets[i]!.count >= rank);
  if (b === buckets.length - 1) return buckets[buckets.length - 2]!.upperBound;
  if (b === 0 && buckets[0]!.upperBound <= 0) return buckets[0]!.upperBound;
  let bucketStart = 0;
  const bucketEnd = buckets[b]!.upperBound;
  let count = buckets[b]!.count;
  if (b > 0) {
    bucketStart = buckets[b - 1]!.upperBound;
    count -= buckets[b - 1]!.count;
    rank -= buckets[b - 1]!.count;
  }
  return bucketStart + (bucketEnd - bucketStart) * (rank / count);
}

/** Go's ordering of vectorByValueHeap: NaN sorts first. */
export function nanFirstAscending(a: number, b: number): number {
  if (Number.isNaN(a)) return Number.isNaN(b) ? 0 : -1;
  if (Number.isNaN(b)) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** quantile() and quantile_over_time(): weighted average of the two nearest ranks. */
export function sampleQuantile(q: number, values: readonly number[]): number {
  if (values.length === 0 || Number.isNaN(q)) return NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  const sorted = [...values].sort(nanFirstAscending);
  const n = sorted.length;
  const rank = q * (n - 1);
  const lower = Math.max(0, Math.floor(rank));
  const upper = Math.min(n - 1, lower + 1);
  const weight = rank - Math.floor(rank);
  return sorted[lower]! * (1 - weight) + sorted[upper]! * weight;
}
