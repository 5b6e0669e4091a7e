import type { BinaryOp, ComparisonOp, Expr, VectorMatching } from '../ast.js';
import { printPromQL } from '../print.js';

/**
 * An instant-vector query whose series carry the label names `L`. The type parameter is
 * what makes a wrong label a compile error: `sum(v).by('provider')` only accepts labels in
 * `L`, and alert templates only offer `$labels` that the query keeps.
 */
export class Vector<L extends string = string> {
  /** Phantom field: carries `L` for the type checker, never set at run time. */
  declare readonly __labels?: L;

  constructor(readonly ast: Expr) {}

  /** The query as PromQL text. */
  toString(): string {
    return printPromQL(this.ast);
  }

  add: BinaryMethod<L> = (rhs: Operand, m?: Matching) => binary('+', this, rhs, m);
  sub: BinaryMethod<L> = (rhs: Operand, m?: Matching) => binary('-', this, rhs, m);
  mul: BinaryMethod<L> = (rhs: Operand, m?: Matching) => binary('*', this, rhs, m);
  div: BinaryMethod<L> = (rhs: Operand, m?: Matching) => binary('/', this, rhs, m);
  mod: BinaryMethod<L> = (rhs: Operand, m?: Matching) => binary('%', this, rhs, m);
  pow: BinaryMethod<L> = (rhs: Operand, m?: Matching) => binary('^', this, rhs, m);

  /** Keeps the series above `rhs` (a filter: series at or below it are dropped). */
  gt: ComparisonMethod<L> = (rhs: Operand, m?: Matching) => binary('>', this, rhs, m);
  lt: ComparisonMethod<L> = (rhs: Operand, m?: Matching) => binary('<', this, rhs, m);
  ge: ComparisonMethod<L> = (rhs: Operand, m?: Matching) => binary('>=', this, rhs, m);
  le: ComparisonMethod<L> = (rhs: Operand, m?: Matching) => binary('<=', this, rhs, m);
  eq: ComparisonMethod<L> = (rhs: Operand, m?: Matching) => binary('==', this, rhs, m);
  ne: ComparisonMethod<L> = (rhs: Operand, m?: Matching) => binary('!=', this, rhs, m);

  /** Series of this vector that have a match in `rhs`. */
  and: SetMethod<L> = (rhs: Vector<string>, m?: Matching) => binary('and', this, rhs, m);
  /** Series of this vector that have no match in `rhs`. */
  unless: SetMethod<L> = (rhs: Vector<string>, m?: Matching) => binary('unless', this, rhs, m);
  /** This vector plus the series of `rhs` that have no match here. */
  or<R extends string>(rhs: Vector<R>, m?: Matching): Vector<L | R> {
    return binary('or', this, rhs, m) as Vector<L | R>;
  }
}

/** A scalar query such as `time()` or `scalar(...)`. */
export class Scalar {
  constructor(readonly ast: Expr) {}
  toString(): string {
    return printPromQL(this.ast);
  }
}

export type Operand = number | Scalar | Vector<string>;

/** Vector matching for binary operators; `groupLeft`/`groupRight` copy labels from the "one" side. */
export interface Matching {
  on?: readonly string[];
  ignoring?: readonly string[];
  groupLeft?: readonly string[];
  groupRight?: readonly string[];
  /** For comparisons: return 0 or 1 instead of filtering. */
  bool?: boolean;
}

/**
 * The labels a binary operation keeps, as Prometheus computes them: `on(k)` keeps only k,
 * `ignoring(k)` drops k, group_left keeps the left side and adds the included labels.
 */
export interface BinaryMethod<L extends string> {
  (rhs: number | Scalar): Vector<L>;
  (rhs: Vector<string>): Vector<L>;
  <K extends L>(rhs: Vector<string>, m: { on: readonly K[] }): Vector<K>;
  <K extends string>(rhs: Vector<string>, m: { ignoring: readonly K[] }): Vector<Exclude<L, K>>;
  <R extends string, I extends R>(
    rhs: Vector<R>,
    m: ({ on: readonly string[] } | { ignoring: readonly string[] }) & { groupLeft: readonly I[] },
  ): Vector<L | I>;
  <R extends string, I extends L>(
    rhs: Vector<R>,
    m: ({ on: readonly string[] } | { ignoring: readonly string[] }) & { groupRight: readonly I[] },
  ): Vector<R | I>;
}

export interface ComparisonMethod<L extends string> extends BinaryMethod<L> {
  (rhs: number | Scalar | Vector<string>, m: { bool: true }): Vector<L>;
}

export interface SetMethod<L extends string> {
  (rhs: Vector<string>): Vector<L>;
  (rhs: Vector<string>, m: { on: readonly string[] } | { ignoring: readonly string[] }): Vector<L>;
}

export function operandAst(x: Operand): Expr {
  return typeof x === 'number' ? { type: 'number', value: x } : x.ast;
}

const COMPARISONS = new Set<BinaryOp>(['==', '!=', '>', '<', '>=', '<=']);

function matchingOf(m: Matching | undefined): VectorMatching | undefined {
  if (!m || (!m.on && !m.ignoring && !m.groupLeft && !m.groupRight)) return undefined;
  const out: VectorMatching = {
    mode: m.ignoring ? 'ignoring' : 'on',
    labels: [...(m.ignoring ?? m.on ?? [])],
    card: 'one-to-one',
    include: [],
  };
  if (m.groupLeft) {
    out.card = 'many-to-one';
    out.include = [...m.groupLeft];
  } else if (m.groupRight) {
    out.card = 'one-to-many';
    out.include = [...m.groupRight];
  }
  // `group_left` without on/ignoring is written `ignoring() group_left`.
  if (!m.on && !m.ignoring) out.mode = 'ignoring';
  return out;
}

export function binary(op: BinaryOp, lhs: Operand, rhs: Operand, m?: Matching): Vector<never> {
  const node: Expr = {
    type: 'binary',
    op,
    lhs: operandAst(lhs),
    rhs: operandAst(rhs),
    returnBool: Boolean(m?.bool) && COMPARISONS.has(op as ComparisonOp),
  };
  const matching = matchingOf(m);
  const bothVectors = typeof lhs !== 'number' && typeof rhs !== 'number' && !(lhs instanceof Scalar) && !(rhs instanceof Scalar);
  if (matching && bothVectors) node.matching = matching;
  return new Vector(node);
}

/** Wraps a number as a query, for the rare expression that starts with a constant. */
export function num(value: number): Scalar {
  return new Scalar({ type: 'number', value });
}
