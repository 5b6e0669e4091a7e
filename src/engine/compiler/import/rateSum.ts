import type { Expr, VectorSelector } from '../../../library/promql/ast.js';
import { unwrapParens } from '../../../library/promql/ast.js';
import { parsePromQL } from '../../../library/promql/parse.js';
import { LOOKOUT_WINDOW } from './model.js';

/**
 * The window placeholder is parsed as this unusual range, so a range the user wrote (`[5m]`)
 * is told apart from the one lookout will vary.
 */
const WINDOW_MS = 9_999_999;
const WINDOW_TEXT = `${WINDOW_MS}ms`;

/** `sum by (g) (rate(selector[{{window}}]))`: the one shape a typed SLI can be read from. */
export interface RateSum {
  func: 'rate' | 'increase';
  groupBy: string[];
  selector: VectorSelector;
}

export const RATE_SUM_SHAPE = 'sum(rate(<counter>[{{.window}}]))';

/** Parses a query with `{{window}}` in it; a string is the parser's complaint. */
export function parseWindowed(query: string): Expr | string {
  const parsed = parsePromQL(query.split(LOOKOUT_WINDOW).join(WINDOW_TEXT));
  return parsed.ok ? parsed.expr : parsed.error.message;
}

/** The query as a windowed sum of rates, or why it is not one. */
export function rateSum(expr: Expr): RateSum | string {
  const notShape = `the query is not of the form ${RATE_SUM_SHAPE}`;
  const sum = unwrapParens(expr);
  if (sum.type !== 'aggregate' || sum.op !== 'sum' || sum.param) return notShape;
  if (sum.grouping?.mode === 'without') return 'sum without (...) leaves the grouping labels unknown';
  const call = unwrapParens(sum.expr);
  if (call.type !== 'call' || (call.func !== 'rate' && call.func !== 'increase') || call.args.length !== 1) return notShape;
  const range = call.args[0]!;
  if (range.type !== 'matrix' || range.rangeMs !== WINDOW_MS) return `${notShape}: the range must be the window`;
  if (range.vector.offsetMs !== undefined || range.vector.at !== undefined) return 'the selector has an offset or @ modifier';
  return { func: call.func, groupBy: sum.grouping?.labels ?? [], selector: range.vector };
}

/** `a - b` of two windowed sums of rates (bad = all − fast, for latency), or undefined. */
export function rateSumDifference(expr: Expr): [RateSum, RateSum] | undefined {
  const e = unwrapParens(expr);
  if (e.type !== 'binary' || e.op !== '-' || e.matching) return undefined;
  const lhs = rateSum(e.lhs);
  const rhs = rateSum(e.rhs);
  return typeof lhs === 'string' || typeof rhs === 'string' ? undefined : [lhs, rhs];
}
