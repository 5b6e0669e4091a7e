/**
 * lookout's own PromQL syntax tree. String queries are parsed into it, the typed builder
 * produces it, the printer turns it back into text, and every check and the test evaluator
 * walk it. Durations are whole milliseconds; spans are offsets into the parsed text.
 */

export interface Span {
  from: number;
  to: number;
}

export type MatchOp = '=' | '!=' | '=~' | '!~';

export interface LabelMatcher {
  name: string;
  op: MatchOp;
  value: string;
  span?: Span;
}

/** `name{matchers} offset 5m @ 100`. The metric name is kept out of `matchers`. */
export interface VectorSelector {
  type: 'vector';
  name?: string;
  matchers: LabelMatcher[];
  offsetMs?: number;
  at?: number | 'start' | 'end';
  span?: Span;
}

/** `selector[5m]`; an offset belongs to the inner selector, as in Prometheus. */
export interface MatrixSelector {
  type: 'matrix';
  vector: VectorSelector;
  rangeMs: number;
  span?: Span;
}

/** `expr[30m:1m]`; stepMs undefined means the evaluation interval. */
export interface SubqueryExpr {
  type: 'subquery';
  expr: Expr;
  rangeMs: number;
  stepMs?: number;
  offsetMs?: number;
  at?: number | 'start' | 'end';
  span?: Span;
}

export interface NumberLiteral {
  type: 'number';
  value: number;
  span?: Span;
}

export interface StringLiteral {
  type: 'string';
  value: string;
  span?: Span;
}

export interface Call {
  type: 'call';
  func: string;
  args: Expr[];
  span?: Span;
}

export type AggregateOp =
  | 'sum'
  | 'avg'
  | 'min'
  | 'max'
  | 'count'
  | 'group'
  | 'stddev'
  | 'stdvar'
  | 'topk'
  | 'bottomk'
  | 'quantile'
  | 'count_values'
  | 'limitk'
  | 'limit_ratio';

export interface Grouping {
  mode: 'by' | 'without';
  labels: string[];
}

export interface Aggregate {
  type: 'aggregate';
  op: AggregateOp;
  /** The parameter of topk, bottomk, quantile and count_values. */
  param?: Expr;
  expr: Expr;
  grouping?: Grouping;
  span?: Span;
}

export type ArithmeticOp = '+' | '-' | '*' | '/' | '%' | '^' | 'atan2';
export type ComparisonOp = '==' | '!=' | '>' | '<' | '>=' | '<=';
export type SetOp = 'and' | 'or' | 'unless';
export type BinaryOp = ArithmeticOp | ComparisonOp | SetOp;

export interface VectorMatching {
  /** `on(...)` keeps only the listed labels for matching; `ignoring(...)` drops them. */
  mode: 'on' | 'ignoring';
  labels: string[];
  /** group_left is many-to-one, group_right one-to-many. */
  card: 'one-to-one' | 'many-to-one' | 'one-to-many';
  /** Labels copied from the "one" side by group_left(...)/group_right(...). */
  include: string[];
}

export interface Binary {
  type: 'binary';
  op: BinaryOp;
  lhs: Expr;
  rhs: Expr;
  /** `> bool`: the comparison returns 0/1 instead of filtering. */
  returnBool: boolean;
  matching?: VectorMatching;
  span?: Span;
}

export interface Unary {
  type: 'unary';
  op: '-' | '+';
  expr: Expr;
  span?: Span;
}

export interface Paren {
  type: 'paren';
  expr: Expr;
  span?: Span;
}

export type Expr =
  | VectorSelector
  | MatrixSelector
  | SubqueryExpr
  | NumberLiteral
  | StringLiteral
  | Call
  | Aggregate
  | Binary
  | Unary
  | Paren;

export const COMPARISON_OPS: readonly ComparisonOp[] = ['==', '!=', '>', '<', '>=', '<='];
export const SET_OPS: readonly SetOp[] = ['and', 'or', 'unless'];

export function isComparison(op: BinaryOp): op is ComparisonOp {
  return (COMPARISON_OPS as readonly string[]).includes(op);
}

export function isSetOp(op: BinaryOp): op is SetOp {
  return (SET_OPS as readonly string[]).includes(op);
}

/** The metric a selector reads: its identifier, or an equality `__name__` matcher. */
export function selectorMetricName(selector: VectorSelector): string | undefined {
  if (selector.name) return selector.name;
  const byName = selector.matchers.find((m) => m.name === '__name__' && m.op === '=');
  return byName?.value;
}

/** Removes redundant parentheses so checks can look at what an expression really is. */
export function unwrapParens(expr: Expr): Expr {
  let e = expr;
  while (e.type === 'paren') e = e.expr;
  return e;
}

/** Every direct child of a node, in source order. */
export function children(expr: Expr): Expr[] {
  switch (expr.type) {
    case 'vector':
    case 'number':
    case 'string':
      return [];
    case 'matrix':
      return [expr.vector];
    case 'subquery':
    case 'paren':
    case 'unary':
      return [expr.expr];
    case 'call':
      return expr.args;
    case 'aggregate':
      return expr.param ? [expr.param, expr.expr] : [expr.expr];
    case 'binary':
      return [expr.lhs, expr.rhs];
  }
}

/** Visits every node depth-first with its chain of ancestors (nearest last). */
export function walk(expr: Expr, visit: (node: Expr, ancestors: readonly Expr[]) => void): void {
  const stack: Expr[] = [];
  const go = (node: Expr): void => {
    visit(node, stack);
    stack.push(node);
    for (const child of children(node)) go(child);
    stack.pop();
  };
  go(expr);
}

/** The kind of value an expression evaluates to, as Prometheus types it. */
export type ValueType = 'vector' | 'matrix' | 'scalar' | 'string';

const SCALAR_FUNCTIONS = new Set(['scalar', 'time', 'pi']);
/** PromQL's calendar functions; called without an argument they read vector(time()). */
export const DATE_FUNCTIONS: ReadonlySet<string> = new Set([
  'day_of_month',
  'day_of_week',
  'day_of_year',
  'days_in_month',
  'hour',
  'minute',
  'month',
  'year',
]);

export function valueType(expr: Expr): ValueType {
  switch (expr.type) {
    case 'vector':
    case 'aggregate':
      return 'vector';
    case 'matrix':
    case 'subquery':
      return 'matrix';
    case 'number':
      return 'scalar';
    case 'string':
      return 'string';
    case 'paren':
    case 'unary':
      return valueType(expr.expr);
    case 'call':
      // Everything else, date functions without an argument included, returns a vector.
      return SCALAR_FUNCTIONS.has(expr.func) ? 'scalar' : 'vector';
    case 'binary': {
      const l = valueType(expr.lhs);
      const r = valueType(expr.rhs);
      return l === 'scalar' && r === 'scalar' ? 'scalar' : 'vector';
    }
  }
}
