import { EvaluationError } from './errors.js';
import { sampleQuantile } from './histogram.js';
import type { Points } from './values.js';

/**
 * Functions over one series' samples in a range, in Prometheus 2.42's float operation order
 * (promql/functions.go). Each returns undefined where Prometheus drops the series. They read
 * the samples in place, `start` to `end`, from the arrays the storage keeps.
 */

/** Where the range sits: [start, end] in ms, the evaluation time, and the written range. */
export interface RangeWindow {
  startMs: number;
  endMs: number;
  evalMs: number;
  rangeMs: number;
}

/** time.Duration.Seconds(): whole seconds plus the remainder, as two separate terms. */
export function durationSeconds(ms: number): number {
  const whole = Math.trunc(ms / 1000);
  return whole + ((ms - whole * 1000) * 1e6) / 1e9;
}

/**
 * A Neumaier-compensated sum, as 2.42's kahanSumInc, the running sum and its compensation
 * kept apart. An object updated in place: returning the pair as an array allocated one per
 * sample, most of what sum_over_time cost.
 */
export class KahanSum {
  sum = 0;
  c = 0;

  add(inc: number): void {
    const t = this.sum + inc;
    if (Math.abs(this.sum) >= Math.abs(inc)) this.c += this.sum - t + inc;
    else this.c += inc - t + this.sum;
    this.sum = t;
  }
}

function isInfinite(x: number): boolean {
  return !Number.isFinite(x) && !Number.isNaN(x);
}

/**
 * rate, increase and delta: the change between the first and last sample (plus the value
 * before each counter reset), extrapolated towards the range ends — fully when the gap is
 * under 1.1 average sample intervals, otherwise by half an interval — and for counters never
 * further back than where the line would cross zero.
 */
export function extrapolatedRate({ t, v, start, end }: Points, w: RangeWindow, isCounter: boolean, isRate: boolean): number | undefined {
  const n = end - start;
  if (n < 2) return undefined;
  const firstT = t[start]!;
  const firstV = v[start]!;
  const lastT = t[end - 1]!;
  let result = v[end - 1]! - firstV;
  if (isCounter) {
    let prev = firstV;
    for (let i = start + 1; i < end; i++) {
      const cur = v[i]!;
      if (cur < prev) result += prev;
      prev = cur;
    }
  }
  let durationToStart = (firstT - w.startMs) / 1000;
  const durationToEnd = (w.endMs - lastT) / 1000;
  const sampledInterval = (lastT - firstT) / 1000;
  const averageInterval = sampledInterval / (n - 1);
  if (isCounter && result > 0 && firstV >= 0) {
    const durationToZero = sampledInterval * (firstV / result);
    if (durationToZero < durationToStart) durationToStart = durationToZero;
  }
  const threshold = averageInterval * 1.1;
  let extrapolateTo = sampledInterval;
  extrapolateTo += durationToStart < threshold ? durationToStart : averageInterval / 2;
  extrapolateTo += durationToEnd < threshold ? durationToEnd : averageInterval / 2;
  let factor = extrapolateTo / sampledInterval;
  if (isRate) factor /= durationSeconds(w.rangeMs);
  return result * factor;
}

/** irate and idelta: the last two samples only; irate treats a drop as a counter reset. */
export function instantValue({ t, v, start, end }: Points, isRate: boolean): number | undefined {
  if (end - start < 2) return undefined;
  const last = v[end - 1]!;
  const previous = v[end - 2]!;
  let result = isRate && last < previous ? last : last - previous;
  const interval = t[end - 1]! - t[end - 2]!;
  if (interval === 0) return undefined;
  if (isRate) result /= interval / 1000;
  return result;
}

/** Least squares with compensated sums; x is seconds relative to `interceptMs`. */
export function linearRegression({ t, v, start, end }: Points, interceptMs: number): [slope: number, intercept: number] {
  let n = 0;
  const sumX = new KahanSum();
  const sumY = new KahanSum();
  const sumXY = new KahanSum();
  const sumX2 = new KahanSum();
  const initY = v[start]!;
  let constY = true;
  for (let i = start; i < end; i++) {
    const y = v[i]!;
    if (constY && i > start && y !== initY) constY = false;
    n += 1;
    const x = (t[i]! - interceptMs) / 1e3;
    sumX.add(x);
    sumY.add(y);
    sumXY.add(x * y);
    sumX2.add(x * x);
  }
  if (constY) {
    if (isInfinite(initY)) return [NaN, NaN];
    return [0, initY];
  }
  const sx = sumX.sum + sumX.c;
  const sy = sumY.sum + sumY.c;
  const sxy = sumXY.sum + sumXY.c;
  const sx2 = sumX2.sum + sumX2.c;
  const covXY = sxy - (sx * sy) / n;
  const varX = sx2 - (sx * sx) / n;
  const slope = covXY / varX;
  const intercept = sy / n - (slope * sx) / n;
  return [slope, intercept];
}

export function deriv(points: Points): number | undefined {
  if (points.end - points.start < 2) return undefined;
  return linearRegression(points, points.t[points.start]!)[0];
}

/** predict_linear regresses around the evaluation time, not the (offset) range end. */
export function predictLinear(points: Points, w: RangeWindow, seconds: number): number | undefined {
  if (points.end - points.start < 2) return undefined;
  const [slope, intercept] = linearRegression(points, w.evalMs);
  return slope * seconds + intercept;
}

export function resets({ v, start, end }: Points): number {
  let count = 0;
  for (let i = start + 1; i < end; i++) if (v[i]! < v[i - 1]!) count++;
  return count;
}

export function changes({ v, start, end }: Points): number {
  let count = 0;
  for (let i = start + 1; i < end; i++) {
    const cur = v[i]!;
    const prev = v[i - 1]!;
    if (cur !== prev && !(Number.isNaN(cur) && Number.isNaN(prev))) count++;
  }
  return count;
}

export function avgOverTime({ v: values, start, end }: Points): number {
  const mean = new KahanSum();
  let count = 0;
  for (let i = start; i < end; i++) {
    const v = values[i]!;
    count++;
    if (isInfinite(mean.sum)) {
      // An infinite mean stays put unless a NaN or an opposite infinity arrives.
      if (isInfinite(v) && mean.sum > 0 === v > 0) continue;
      if (Number.isFinite(v)) continue;
    }
    mean.add(v / count - mean.sum / count);
  }
  if (isInfinite(mean.sum)) return mean.sum;
  return mean.sum + mean.c;
}

export function sumOverTime({ v, start, end }: Points): number {
  const sum = new KahanSum();
  for (let i = start; i < end; i++) sum.add(v[i]!);
  if (isInfinite(sum.sum)) return sum.sum;
  return sum.sum + sum.c;
}

export function maxOverTime({ v: values, start, end }: Points): number {
  let max = values[start]!;
  for (let i = start; i < end; i++) {
    const v = values[i]!;
    if (v > max || Number.isNaN(max)) max = v;
  }
  return max;
}

export function minOverTime({ v: values, start, end }: Points): number {
  let min = values[start]!;
  for (let i = start; i < end; i++) {
    const v = values[i]!;
    if (v < min || Number.isNaN(min)) min = v;
  }
  return min;
}

export function stdvarOverTime({ v: values, start, end }: Points): number {
  let count = 0;
  const mean = new KahanSum();
  const aux = new KahanSum();
  for (let i = start; i < end; i++) {
    const v = values[i]!;
    count++;
    const delta = v - (mean.sum + mean.c);
    mean.add(delta / count);
    aux.add(delta * (v - (mean.sum + mean.c)));
  }
  return (aux.sum + aux.c) / count;
}

export function quantileOverTime({ v, start, end }: Points, q: number): number {
  return sampleQuantile(q, v.slice(start, end));
}

/** Double exponential smoothing; invalid factors are a query error, as in Prometheus. */
export function holtWinters({ v, start, end }: Points, sf: number, tf: number): number | undefined {
  if (sf <= 0 || sf >= 1) throw new EvaluationError(`invalid smoothing factor. Expected: 0 < sf < 1, got: ${sf}`);
  if (tf <= 0 || tf >= 1) throw new EvaluationError(`invalid trend factor. Expected: 0 < tf < 1, got: ${tf}`);
  if (end - start < 2) return undefined;
  let s0 = 0;
  let s1 = v[start]!;
  let b = v[start + 1]! - v[start]!;
  for (let i = start + 1; i < end; i++) {
    const x = sf * v[i]!;
    if (i - 1 !== start) b = tf * (s1 - s0) + (1 - tf) * b;
    const y = (1 - sf) * (s1 + b);
    s0 = s1;
    s1 = x + y;
  }
  return s1;
}
