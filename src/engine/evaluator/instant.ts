import type { Expr } from '../../library/promql/ast.js';
import { aggregate, type AggregateParam } from './aggregate.js';
import { evalBinary } from './binary.js';
import { EvaluationError } from './errors.js';
import { evalCall } from './functions.js';
import { dropMetricName, toRecord } from './labelSet.js';
import { selectMatrix, selectVector } from './selectors.js';
import type { MemoryStorage } from './storage.js';
import { evalSubquery } from './subquery.js';
import { asVector, checkUniqueLabels, scalar, vector, type EvalContext, type Points, type Value } from './values.js';

/** Options of one instant query. */
export interface EvalOptions {
  /** How far back an instant selector looks for a sample; Prometheus's default is 5m. */
  lookbackMs?: number;
  /** Step of subqueries written without one; promtool uses the test file's evaluation_interval (default 1m). */
  subqueryStepMs?: number;
}

/** A result sample with plain-object labels (including `__name__` where it survived). */
export interface ResultSample {
  labels: Record<string, string>;
  value: number;
}

/** What an instant query returns. A top-level range selector or subquery yields a matrix. */
export type EvalResult =
  | { type: 'vector'; samples: ResultSample[] }
  | { type: 'scalar'; value: number }
  | { type: 'string'; value: string }
  | { type: 'matrix'; series: { labels: Record<string, string>; points: { tMs: number; value: number }[] }[] };

/** Evaluates one node at one time. Every node type dispatches from here. */
export function evalNode(expr: Expr, tMs: number, ctx: EvalContext): Value {
  switch (expr.type) {
    case 'number':
      return scalar(expr.value);
    case 'string':
      return { kind: 'string', value: expr.value };
    case 'paren':
      return evalNode(expr.expr, tMs, ctx);
    case 'unary': {
      const inner = evalNode(expr.expr, tMs, ctx);
      if (expr.op === '+') return inner;
      if (inner.kind === 'scalar') return scalar(-inner.value);
      const out = asVector(inner, 'unary minus').map((s) => ({ labels: dropMetricName(s.labels), value: -s.value }));
      checkUniqueLabels(out);
      return vector(out);
    }
    case 'vector':
      return vector(selectVector(expr, tMs, ctx));
    case 'matrix':
      return { kind: 'matrix', series: selectMatrix(expr, tMs, ctx) };
    case 'subquery':
      return { kind: 'matrix', series: evalSubquery(expr, tMs, ctx, evalNode) };
    case 'call':
      return evalCall(expr, tMs, ctx, evalNode);
    case 'aggregate': {
      let param: AggregateParam;
      if (expr.param) {
        const p = evalNode(expr.param, tMs, ctx);
        if (p.kind === 'scalar' || p.kind === 'string') param = p.value;
        else throw new EvaluationError(`${expr.op}: the parameter must be a scalar or a string`);
      }
      const out = aggregate(expr.op, expr.grouping, param, asVector(evalNode(expr.expr, tMs, ctx), expr.op));
      checkUniqueLabels(out);
      return vector(out);
    }
    case 'binary':
      return evalBinary(expr, evalNode(expr.lhs, tMs, ctx), evalNode(expr.rhs, tMs, ctx));
  }
}

/**
 * Evaluates a PromQL expression at `tMs` the way Prometheus 2.42 answers an instant query
 * (and the way promtool evaluates rules and `promql_expr_test`s).
 *
 * @example
 * ```ts
 * const storage = MemoryStorage.fromInputs(60_000, [{ labels: { __name__: 'up', job: 'api' }, values: [1, 1, 0] }]);
 * const parsed = parsePromQL('sum by (job) (up)');
 * if (parsed.ok) evaluate(parsed.expr, 120_000, storage); // { type: 'vector', samples: [{ labels: { job: 'api' }, value: 0 }] }
 * ```
 * @throws UnsupportedError for features not reproduced exactly; EvaluationError where Prometheus itself fails.
 */
export function evaluate(expr: Expr, tMs: number, storage: MemoryStorage, opts: EvalOptions = {}): EvalResult {
  const value = evaluateValue(expr, tMs, storage, opts);
  switch (value.kind) {
    case 'vector':
      return { type: 'vector', samples: value.samples.map((s) => ({ labels: toRecord(s.labels), value: s.value })) };
    case 'scalar':
      return { type: 'scalar', value: value.value };
    case 'string':
      return { type: 'string', value: value.value };
    case 'matrix':
      return {
        type: 'matrix',
        series: value.series.map((s) => ({ labels: toRecord(s.labels), points: matrixPoints(s) })),
      };
  }
}

function matrixPoints({ t, v, start, end }: Points): { tMs: number; value: number }[] {
  const out: { tMs: number; value: number }[] = [];
  for (let i = start; i < end; i++) out.push({ tMs: t[i]!, value: v[i]! });
  return out;
}

/** evaluate() without converting labels to records, for the rule simulation's own use. */
export function evaluateValue(expr: Expr, tMs: number, storage: MemoryStorage, opts: EvalOptions = {}): Value {
  const ctx: EvalContext = {
    storage,
    lookbackMs: opts.lookbackMs ?? 5 * 60_000,
    subqueryStepMs: opts.subqueryStepMs ?? 60_000,
    queryTimeMs: tMs,
  };
  return evalNode(expr, tMs, ctx);
}
