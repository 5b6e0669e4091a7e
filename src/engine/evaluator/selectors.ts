import type { MatrixSelector, VectorSelector } from '../../library/promql/ast.js';
import { upperBound, type StoredSeries } from './storage.js';
import type { EvalContext, Sample, Series } from './values.js';

/** Go's math.Round: halves away from zero (JavaScript's Math.round goes up). */
export function goRound(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

/** The time a selector reads at: its `@` time (or the evaluation time) minus its offset. */
export function referenceTime(
  node: { offsetMs?: number; at?: number | 'start' | 'end' },
  tMs: number,
  ctx: EvalContext,
): number {
  let base = tMs;
  if (node.at === 'start' || node.at === 'end') base = ctx.queryTimeMs;
  else if (node.at !== undefined) base = goRound(node.at * 1000);
  return base - (node.offsetMs ?? 0);
}

function selectSeries(node: VectorSelector, ctx: EvalContext): readonly StoredSeries[] {
  return ctx.storage.selectShared(node.name, node.matchers);
}

/**
 * An instant vector selector. Prometheus 2.42 takes the newest sample at or before the
 * reference time if it is no older than the lookback delta (a sample exactly lookback old
 * still counts), and nothing if that sample is a staleness marker.
 */
export function selectVector(node: VectorSelector, tMs: number, ctx: EvalContext): Sample[] {
  const ref = referenceTime(node, tMs, ctx);
  const out: Sample[] = [];
  for (const series of selectSeries(node, ctx)) {
    const visible = ctx.storage.visibleCount(series);
    const i = upperBound(series.t, ref, visible) - 1;
    if (i < 0) continue;
    const t = series.t[i]!;
    if (t < ref - ctx.lookbackMs || series.stale[i]) continue;
    out.push({ labels: series.labels, value: series.v[i]!, ts: t });
  }
  return out;
}

/**
 * A range selector. Prometheus 2.42 keeps samples with ref - range <= t <= ref: both ends
 * closed (3.0 made the start open). Staleness markers are dropped; series left without
 * samples are omitted.
 */
export function selectMatrix(node: MatrixSelector, tMs: number, ctx: EvalContext): Series[] {
  const maxt = referenceTime(node.vector, tMs, ctx);
  const mint = maxt - node.rangeMs;
  const out: Series[] = [];
  for (const series of selectSeries(node.vector, ctx)) {
    const end = upperBound(series.t, maxt, ctx.storage.visibleCount(series));
    const start = upperBound(series.t, mint - 1, end);
    if (series.staleCount === 0) {
      if (start < end) out.push({ labels: series.labels, t: series.t, v: series.v, start, end });
      continue;
    }
    const t: number[] = [];
    const v: number[] = [];
    for (let i = start; i < end; i++) {
      if (series.stale[i]) continue;
      t.push(series.t[i]!);
      v.push(series.v[i]!);
    }
    if (t.length > 0) out.push({ labels: series.labels, t, v, start: 0, end: t.length });
  }
  return out;
}
