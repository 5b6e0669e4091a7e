import type { Call } from '../../library/promql/ast.js';
import { unwrapParens } from '../../library/promql/ast.js';
import { EvaluationError } from './errors.js';
import type { NodeEvaluator } from './nodeEvaluator.js';
import { absentLabels } from './labelFunctions.js';
import { dropMetricName } from './labelSet.js';
import * as f from './rangeFunctions.js';
import { referenceTime, selectMatrix } from './selectors.js';
import { evalSubquery } from './subquery.js';
import { asScalar, type EvalContext, type Points, type Sample, type Series } from './values.js';

type RangeFn = (points: Points, w: f.RangeWindow, scalars: readonly number[]) => number | undefined;

const FUNCTIONS: Record<string, RangeFn> = {
  rate: (p, w) => f.extrapolatedRate(p, w, true, true),
  increase: (p, w) => f.extrapolatedRate(p, w, true, false),
  delta: (p, w) => f.extrapolatedRate(p, w, false, false),
  irate: (p) => f.instantValue(p, true),
  idelta: (p) => f.instantValue(p, false),
  deriv: (p) => f.deriv(p),
  predict_linear: (p, w, s) => f.predictLinear(p, w, s[1]!),
  resets: (p) => f.resets(p),
  changes: (p) => f.changes(p),
  avg_over_time: (p) => f.avgOverTime(p),
  sum_over_time: (p) => f.sumOverTime(p),
  min_over_time: (p) => f.minOverTime(p),
  max_over_time: (p) => f.maxOverTime(p),
  count_over_time: (p) => p.end - p.start,
  last_over_time: (p) => p.v[p.end - 1]!,
  present_over_time: () => 1,
  stdvar_over_time: (p) => f.stdvarOverTime(p),
  stddev_over_time: (p) => Math.sqrt(f.stdvarOverTime(p)),
  quantile_over_time: (p, _w, s) => f.quantileOverTime(p, s[0]!),
  holt_winters: (p, _w, s) => f.holtWinters(p, s[1]!, s[2]!),
};

/** The scalars of a call whose only argument is the range (most of them), without allocating. */
const NO_SCALARS: readonly number[] = [NaN];

/** Functions taking a range vector; absent_over_time is handled on its own. */
export const RANGE_FUNCTIONS = new Set([...Object.keys(FUNCTIONS), 'absent_over_time']);

/**
 * Applies a range-vector function to each selected series. The other arguments are
 * scalars evaluated at the same time. Every function but last_over_time drops __name__.
 */
export function evalRangeFunction(node: Call, matrixIndex: number, tMs: number, ctx: EvalContext, evalNode: NodeEvaluator): Sample[] {
  const arg = unwrapParens(node.args[matrixIndex]!);
  let series: Series[];
  let ref: number;
  let rangeMs: number;
  if (arg.type === 'matrix') {
    series = selectMatrix(arg, tMs, ctx);
    ref = referenceTime(arg.vector, tMs, ctx);
    rangeMs = arg.rangeMs;
  } else if (arg.type === 'subquery') {
    series = evalSubquery(arg, tMs, ctx, evalNode);
    ref = referenceTime(arg, tMs, ctx);
    rangeMs = arg.rangeMs;
  } else {
    throw new EvaluationError(`${node.func}: expected a range vector`);
  }
  const scalars = node.args.length === 1 ? NO_SCALARS : node.args.map((a, i) => (i === matrixIndex ? NaN : asScalar(evalNode(a, tMs, ctx), node.func)));

  if (node.func === 'absent_over_time') {
    if (series.length > 0) return [];
    // A subquery argument has no matchers to take labels from.
    return [{ labels: arg.type === 'matrix' ? absentLabels(arg) : [], value: 1 }];
  }
  const fn = FUNCTIONS[node.func]!;
  const window: f.RangeWindow = { startMs: ref - rangeMs, endMs: ref, evalMs: tMs, rangeMs };
  const out: Sample[] = [];
  for (const s of series) {
    const value = fn(s, window, scalars);
    if (value === undefined) continue;
    out.push({ labels: node.func === 'last_over_time' ? s.labels : dropMetricName(s.labels), value });
  }
  return out;
}
