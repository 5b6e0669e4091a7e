import { EvaluationError } from './errors.js';
import { sampleQuantile } from './histogram.js';
import type { Point } from './values.js';

/**
 * Functions over one series' samples in a range, in Prometheus 2.42's float operation order
 * (promql/functions.go). Each returns undefined where Prometheus drops the series.
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

/** Neumaier-compensated addition, as 2.42's kahanSumInc. */
export function kahanSumInc(inc: number, sum: number, c: number): [number, number] {
  const t = sum + inc;
  if (Math.abs(sum) >= Math.abs(inc)) c += sum - t + inc;
  else c += inc - t + sum;
  return [t, c];
}

/**
 * rate, increase and delta: the change between the first and last sample (plus the value
 * before each counter reset), extrapolated towards the range ends — fully when the gap is
 * under 1.1 average sample intervals, otherwise by half an interval — and for counters never
 * further back than where the line would cross zero.
 */
export function extrapolatedRate(points: readonly Point[], w: RangeWindow, isCounter: boolean, isRate: boolean): number | undefined {
  if (points.length < 2) return undefined;
  const first = points[0]!;
  const last = points[points.length - 1]!;
  let result = last.v - first.v;
  if (isCounter) {
    let prev = first.v;
    for (const p of points.slice(1)) {
      if (p.v < prev) result += prev;
      prev = p.v;
    }
  }
  let durationToStart = (first.t - w.startMs) / 1000;
  const durationToEnd = (w.endMs - last.t) / 1000;
  const sampledInterval = (last.t - first.t) / 1000;
  const averageInterval = sampledInterval / (points.length - 1);
  if (isCounter && result > 0 && first.v >= 0) {
    const durationToZero = sampledInterval * (first.v / result);
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
export function instantValue(points: readonly Point[], isRate: boolean): number | undefined {
  if (points.length < 2) return undefined;
  const last = points[points.length - 1]!;
  const previous = points[points.length - 2]!;
  let result = isRate && last.v < previous.v ? last.v : last.v - previous.v;
  const interval = last.t - previous.t;
  if (interval === 0) return undefined;
  if (isRate) result /= interval / 1000;
  return result;
}

/** Least squares with compensated sums; x is seconds relative to `interceptMs`. */
export function linearRegression(points: readonly Point[], interceptMs: number): [slope: number, intercept: number] {
  let n = 0;
  let sumX = 0;
  let cX = 0;
  let sumY = 0;
  let cY = 0;
  let sumXY = 0;
  let cXY = 0;
  let sumX2 = 0;
  let cX2 = 0;
  const initY = points[0]!.v;
  let constY = true;
  points.forEach((p, i) => {
    if (constY && i > 0 && p.v !== initY) constY = false;
    n += 1;
    const x = (p.t - interceptMs) / 1e3;
    [sumX, cX] = kahanSumInc(x, sumX, cX);
    [sumY, cY] = kahanSumInc(p.v, sumY, cY);
    [sumXY, cXY] = kahanSumInc(x * p.v, sumXY, cXY);
    [sumX2, cX2] = kahanSumInc(x * x, sumX2, cX2);
  });
  if (constY) {
    if (!Number.isFinite(initY) && !Number.isNaN(initY)) return [NaN, NaN];
    return [0, initY];
  }
  sumX += cX;
  sumY += cY;
  sumXY += cXY;
  sumX2 += cX2;
  const covXY = sumXY - (sumX * sumY) / n;
  const varX = sumX2 - (sumX * sumX) / n;
  const slope = covXY / varX;
  const intercept = sumY / n - (slope * sumX) / n;
  return [slope, intercept];
}

export function deriv(points: readonly Point[]): number | undefined {
  if (points.length < 2) return undefined;
  return linearRegression(points, points[0]!.t)[0];
}

/** predict_linear regresses around the evaluation time, not the (offset) range end. */
export function predictLinear(points: readonly Point[], w: RangeWindow, seconds: number): number | undefined {
  if (points.length < 2) return undefined;
  const [slope, intercept] = linearRegression(points, w.evalMs);
  return slope * seconds + intercept;
}

export function resets(points: readonly Point[]): number {
  let count = 0;
  for (let i = 1; i < points.length; i++) if (points[i]!.v < points[i - 1]!.v) count++;
  return count;
}

export function changes(points: readonly Point[]): number {
  let count = 0;
  for (let i = 1; i < points.length; i++) {
    const cur = points[i]!.v;
    const prev = points[i - 1]!.v;
    if (cur !== prev && !(Number.isNaN(cur) && Number.isNaN(prev))) count++;
  }
  return count;
}

export function avgOverTime(points: readonly Point[]): number {
  let mean = 0;
  let count = 0;
  let c = 0;
  for (const { v } of points) {
    count++;
    if (!Number.isFinite(mean) && !Number.isNaN(mean)) {
      // An infinite mean stays put unless a NaN or an opposite infinity arrives.
      if (!Number.isFinite(v) && !Number.isNaN(v) && mean > 0 === v > 0) continue;
      if (Number.isFinite(v)) continue;
    }
    [mean, c] = kahanSumInc(v / count - mean / count, mean, c);
  }
  if (!Number.isFinite(mean) && !Number.isNaN(mean)) return mean;
  return mean + c;
}

export function sumOverTime(points: readonly Point[]): number {
  let sum = 0;
  let c = 0;
  for (const { v } of points) [sum, c] = kahanSumInc(v, sum, c);
  if (!Number.isFinite(sum) && !Number.isNaN(sum)) return sum;
  return sum + c;
}

export function maxOverTime(points: readonly Point[]): number {
  let max = points[0]!.v;
  for (const { v } of points) if (v > max || Number.isNaN(max)) max = v;
  return max;
}

export function minOverTime(points: readonly Point[]): number {
  let min = points[0]!.v;
  for (const { v } of points) if (v < min || Number.isNaN(min)) min = v;
  return min;
}

export function stdvarOverTime(points: readonly Point[]): number {
  let count = 0;
  let mean = 0;
  let cMean = 0;
  let aux = 0;
  let cAux = 0;
  for (const { v } of points) {
    count++;
    const delta = v - (mean + cMean);
    [mean, cMean] = kahanSumInc(delta / count, mean, cMean);
    [aux, cAux] = kahanSumInc(delta * (v - (mean + cMean)), aux, cAux);
  }
  return (aux + cAux) / count;
}

export function quantileOverTime(points: readonly Point[], q: number): number {
  return sampleQuantile(
    q,
    points.map((p) => p.v),
  );
}

/** Double exponential smoothing; invalid factors are a query error, as in Prometheus. */
export function holtWinters(points: readonly Point[], sf: number, tf: number): number | undefined {
  if (sf <= 0 || sf >= 1) throw new EvaluationError(`invalid smoothing factor. Expected: 0 < sf < 1, got: ${sf}`);
  if (tf <= 0 || tf >= 1) throw new EvaluationError(`invalid trend factor. Expected: 0 < tf < 1, got: ${tf}`);
  if (points.length < 2) return undefined;
  let s0 = 0;
  let s1 = points[0]!.v;
  let b = points[1]!.v - points[0]!.v;
  for (let i = 1; i < points.length; i++) {
    const x = sf * points[i]!.v;
    if (i - 1 !== 0) b = tf * (s1 - s0) + (1 - tf) * b;
    const y = (1 - sf) * (s1 + b);
    s0 = s1;
    s1 = x + y;
  }
  return s1;
}
