import type { SubqueryExpr } from '../../library/promql/ast.js';
import { EvaluationError } from './errors.js';
import type { NodeEvaluator } from './nodeEvaluator.js';
import { compareLabels, labelsKey, type Labels } from './labelSet.js';
import { referenceTime } from './selectors.js';
import type { EvalContext, Series } from './values.js';

/**
 * The evaluation times of a subquery: every multiple of the step (counted from the Unix
 * epoch, not from the query time) inside [ref - range, ref], both ends included.
 */
export function subquerySteps(node: SubqueryExpr, tMs: number, ctx: EvalContext): number[] {
  const step = node.stepMs ?? ctx.subqueryStepMs;
  if (step <= 0) throw new EvaluationError('zero or negative subquery step');
  const end = referenceTime(node, tMs, ctx);
  const lower = end - node.rangeMs;
  // Go's integer division truncates toward zero; the correction makes it a ceiling.
  let start = step * Math.trunc(lower / step);
  if (start < lower) start += step;
  const times: number[] = [];
  for (let t = start; t <= end; t += step) times.push(t);
  return times;
}

/**
 * Evaluates the inner expression at each step. Evaluating each step on its own gives the
 * same values as Prometheus's range evaluation. Prometheus returns the series in Go map
 * order; here they come sorted by labels, or shuffled with the storage's order seed.
 */
export function evalSubquery(node: SubqueryExpr, tMs: number, ctx: EvalContext, evalNode: NodeEvaluator): Series[] {
  const bySeries = new Map<string, { labels: Labels; t: number[]; v: number[] }>();
  for (const t of subquerySteps(node, tMs, ctx)) {
    const value = evalNode(node.expr, t, ctx);
    const samples =
      value.kind === 'vector' ? value.samples : value.kind === 'scalar' ? [{ labels: [], value: value.value }] : undefined;
    if (!samples) throw new EvaluationError(`subquery of a ${value.kind} expression`);
    for (const s of samples) {
      const key = labelsKey(s.labels);
      let series = bySeries.get(key);
      if (!series) {
        series = { labels: s.labels, t: [], v: [] };
        bySeries.set(key, series);
      }
      series.t.push(t);
      series.v.push(s.value);
    }
  }
  const series: Series[] = [...bySeries.values()].map((s) => ({ ...s, start: 0, end: s.t.length }));
  if (ctx.storage.orderSeed === 0) return series.sort((a, b) => compareLabels(a.labels, b.labels));
  return series.sort((a, b) => ctx.storage.orderKey(a.labels) - ctx.storage.orderKey(b.labels));
}
