import type { AggregateOp, Expr } from '../ast.js';
import { Vector } from './vector.js';

/**
 * The result of an aggregation before grouping is chosen. As a Vector it has no labels
 * (`sum(x)`); `.by(...)` keeps the named labels, `.without(...)` drops them.
 */
export class Aggregation<L extends string> extends Vector<never> {
  constructor(
    private readonly op: AggregateOp,
    private readonly inner: Expr,
    private readonly param?: Expr,
  ) {
    super(node(op, inner, param, undefined));
  }

  /** Aggregates per distinct value of `labels`, which must exist on the input. */
  by<K extends L>(...labels: K[]): Vector<K> {
    return new Vector<K>(node(this.op, this.inner, this.param, { mode: 'by', labels }));
  }

  /** Aggregates away only `labels`, keeping every other label of the input. */
  without<K extends L>(...labels: K[]): Vector<Exclude<L, K>> {
    return new Vector<Exclude<L, K>>(node(this.op, this.inner, this.param, { mode: 'without', labels }));
  }
}

function node(op: AggregateOp, expr: Expr, param: Expr | undefined, grouping: { mode: 'by' | 'without'; labels: string[] } | undefined): Expr {
  const out: Expr = { type: 'aggregate', op, expr };
  if (param) out.param = param;
  if (grouping) out.grouping = grouping;
  return out;
}

function simple(op: AggregateOp) {
  return <L extends string>(v: Vector<L>): Aggregation<L> => new Aggregation<L>(op, v.ast);
}

export const sum = simple('sum');
export const avg = simple('avg');
export const min = simple('min');
export const max = simple('max');
export const count = simple('count');
export const group = simple('group');
export const stddev = simple('stddev');
export const stdvar = simple('stdvar');

/** The k largest series (per group when followed by `.by()`); labels are kept. */
export function topk<L extends string>(k: number, v: Vector<L>): Vector<L> {
  return new Vector<L>(node('topk', v.ast, { type: 'number', value: k }, undefined));
}

export function bottomk<L extends string>(k: number, v: Vector<L>): Vector<L> {
  return new Vector<L>(node('bottomk', v.ast, { type: 'number', value: k }, undefined));
}

/** φ-quantile across series (not over time). */
export function quantile<L extends string>(q: number, v: Vector<L>): Aggregation<L> {
  return new Aggregation<L>('quantile', v.ast, { type: 'number', value: q });
}
