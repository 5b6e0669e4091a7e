import type { Expr } from '../../library/promql/ast.js';
import { evaluate, type EvalOptions, type EvalResult } from './instant.js';
import { compareLabels, fromRecord } from './labelSet.js';
import type { MemoryStorage } from './storage.js';

/** An instant query result together with whether promtool would reproduce it every run. */
export interface OrderCheckedResult {
  /** The result with series in label order. */
  result: EvalResult;
  /**
   * False when another series order gives other values or other series: a float sum whose
   * rounding depends on the order of its terms, or a topk/bottomk tie. promtool 2.42 loads
   * series in Go's random map order, so such a result differs between promtool runs and
   * must not be pinned in a test.
   */
  orderIndependent: boolean;
}

/** Series orders tried besides the sorted one; enough to catch 2- and 3-term reorderings. */
const DEFAULT_ORDERS = 8;

/**
 * Evaluates under the label-sorted series order and several pseudo-random ones, and
 * reports whether they all agree bit for bit.
 */
export function evaluateOrderChecked(
  expr: Expr,
  tMs: number,
  storage: MemoryStorage,
  opts: EvalOptions & { orders?: number } = {},
): OrderCheckedResult {
  const result = evaluate(expr, tMs, storage, opts);
  const canonical = canonicalize(result);
  let orderIndependent = true;
  for (let seed = 1; seed <= (opts.orders ?? DEFAULT_ORDERS) && orderIndependent; seed++) {
    orderIndependent = canonicalize(evaluate(expr, tMs, storage.withSeriesOrder(seed), opts)) === canonical;
  }
  return { result, orderIndependent };
}

/** A string equal for results with the same series and bit-identical values, in any order. */
function canonicalize(result: EvalResult): string {
  const num = (v: number): string => (Object.is(v, -0) ? '-0' : String(v));
  switch (result.type) {
    case 'scalar':
      return num(result.value);
    case 'string':
      return JSON.stringify(result.value);
    case 'vector':
      return result.samples
        .map((s) => ({ labels: fromRecord(s.labels), value: s.value }))
        .sort((a, b) => compareLabels(a.labels, b.labels))
        .map((s) => `${JSON.stringify(s.labels)}=${num(s.value)}`)
        .join('\n');
    case 'matrix':
      return result.series
        .map((s) => ({ labels: fromRecord(s.labels), points: s.points }))
        .sort((a, b) => compareLabels(a.labels, b.labels))
        .map((s) => `${JSON.stringify(s.labels)}=${s.points.map((p) => `${p.tMs}:${num(p.value)}`).join(',')}`)
        .join('\n');
  }
}
