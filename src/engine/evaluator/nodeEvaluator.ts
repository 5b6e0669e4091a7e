import type { Expr } from '../../library/promql/ast.js';
import type { EvalContext, Value } from './values.js';

/**
 * Evaluates a sub-expression at a time. Function calls, range calls and subqueries receive it
 * instead of importing the evaluator, so those modules do not import each other in a circle.
 */
export type NodeEvaluator = (expr: Expr, tMs: number, ctx: EvalContext) => Value;
