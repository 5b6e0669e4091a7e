import { DATE_FUNCTIONS, type ValueType } from './ast.js';

/**
 * What PromQL's functions take, as Prometheus's parser checks it (promql/parser/functions.go).
 * The grammar lookout parses with is Prometheus 3's, so it knows functions the Prometheus that
 * runs the rules (Debian's 2.42) does not: `in242: false` marks those, and holt_winters (which
 * 3.0 renamed) is listed for the test evaluator even though the grammar cannot parse it.
 */
export interface FunctionSignature {
  readonly args: readonly ValueType[];
  /**
   * As in Prometheus: 0, exactly `args`; n > 0, the last argument is optional and may be
   * repeated up to n times; -1, the last argument is optional and repeats without limit.
   */
  readonly variadic: number;
  readonly in242: boolean;
}

const V: ValueType = 'vector';
const M: ValueType = 'matrix';
const S: ValueType = 'scalar';
const STR: ValueType = 'string';

function fn(args: readonly ValueType[], variadic = 0, in242 = true): FunctionSignature {
  return { args, variadic, in242 };
}

const ELEMENTWISE = ['abs', 'acos', 'acosh', 'asin', 'asinh', 'atan', 'atanh', 'ceil', 'cos', 'cosh', 'deg', 'exp', 'floor', 'ln', 'log10', 'log2', 'rad', 'sgn', 'sin', 'sinh', 'sqrt', 'tan', 'tanh'];
const OVER_TIME = ['absent_over_time', 'avg_over_time', 'count_over_time', 'last_over_time', 'max_over_time', 'min_over_time', 'present_over_time', 'stddev_over_time', 'stdvar_over_time', 'sum_over_time'];
const RANGE = ['changes', 'delta', 'deriv', 'idelta', 'increase', 'irate', 'rate', 'resets'];

export const FUNCTION_SIGNATURES: ReadonlyMap<string, FunctionSignature> = new Map<string, FunctionSignature>([
  ...ELEMENTWISE.map((name) => [name, fn([V])] as const),
  ...OVER_TIME.map((name) => [name, fn([M])] as const),
  ...RANGE.map((name) => [name, fn([M])] as const),
  // Called without an argument they read vector(time()).
  ...[...DATE_FUNCTIONS].map((name) => [name, fn([V], 1)] as const),
  ['absent', fn([V])],
  ['clamp', fn([V, S, S])],
  ['clamp_max', fn([V, S])],
  ['clamp_min', fn([V, S])],
  ['histogram_count', fn([V])],
  ['histogram_sum', fn([V])],
  ['histogram_fraction', fn([S, S, V])],
  ['histogram_quantile', fn([S, V])],
  ['holt_winters', fn([M, S, S])],
  ['label_join', fn([V, STR, STR, STR], -1)],
  ['label_replace', fn([V, STR, STR, STR, STR])],
  ['pi', fn([])],
  ['predict_linear', fn([M, S])],
  ['quantile_over_time', fn([S, M])],
  ['round', fn([V, S], 1)],
  ['scalar', fn([V])],
  ['sort', fn([V])],
  ['sort_desc', fn([V])],
  ['time', fn([])],
  ['timestamp', fn([V])],
  ['vector', fn([S])],
  // Prometheus 3 (or experimental in late 2.x): the grammar parses them, 2.42 refuses them.
  ['double_exponential_smoothing', fn([M, S, S], 0, false)],
  ['first_over_time', fn([M], 0, false)],
  ['histogram_avg', fn([V], 0, false)],
  ['histogram_stddev', fn([V], 0, false)],
  ['histogram_stdvar', fn([V], 0, false)],
  ['histogram_quantiles', fn([V, STR, S, S], 9, false)],
  ['info', fn([V, V], 1, false)],
  ['mad_over_time', fn([M], 0, false)],
  ['sort_by_label', fn([V, STR], -1, false)],
  ['sort_by_label_desc', fn([V, STR], -1, false)],
  ['start', fn([], 0, false)],
  ['end', fn([], 0, false)],
  ['range', fn([], 0, false)],
  ['step', fn([], 0, false)],
  ['ts_of_first_over_time', fn([M], 0, false)],
  ['ts_of_last_over_time', fn([M], 0, false)],
  ['ts_of_max_over_time', fn([M], 0, false)],
  ['ts_of_min_over_time', fn([M], 0, false)],
]);

/** The fewest and most arguments a call may pass (`max` Infinity for label_join and the like). */
export function argumentRange(sig: FunctionSignature): { min: number; max: number } {
  if (sig.variadic === 0) return { min: sig.args.length, max: sig.args.length };
  const min = sig.args.length - 1;
  return { min, max: sig.variadic < 0 ? Infinity : min + sig.variadic };
}

/**
 * Prometheus's own complaint about a call's argument count, word for word, or undefined when
 * the count is right.
 */
export function argumentCountError(func: string, sig: FunctionSignature, count: number): string | undefined {
  const { min, max } = argumentRange(sig);
  if (sig.variadic === 0) return count === min ? undefined : `expected ${min} argument(s) in call to "${func}", got ${count}`;
  if (count < min) return `expected at least ${min} argument(s) in call to "${func}", got ${count}`;
  if (count > max) return `expected at most ${max} argument(s) in call to "${func}", got ${count}`;
  return undefined;
}

/** How Prometheus names a value type in its messages. */
const DOCUMENTED: Record<ValueType, string> = { vector: 'instant vector', matrix: 'range vector', scalar: 'scalar', string: 'string' };

/** Prometheus's complaint when a value of type `got` stands where `want` is expected. */
export function typeError(want: ValueType, got: ValueType, context: string): string | undefined {
  return want === got ? undefined : `expected type ${DOCUMENTED[want]} in ${context}, got ${DOCUMENTED[got]}`;
}

/** The type a call's `i`-th argument must have: a repeated last argument keeps the last type. */
export function argumentType(sig: FunctionSignature, i: number): ValueType | undefined {
  return sig.args[Math.min(i, sig.args.length - 1)];
}

/** The type an aggregation's parameter must have, when it takes one. */
export function aggregationParamType(op: string): ValueType | undefined {
  if (op === 'count_values') return 'string';
  return PARAMETERISED.has(op) ? 'scalar' : undefined;
}

/** Aggregations that take a parameter before the vector: topk(3, x). */
const PARAMETERISED: ReadonlySet<string> = new Set(['topk', 'bottomk', 'quantile', 'count_values', 'limitk', 'limit_ratio']);

/** Aggregations 2.42 does not know (the grammar is Prometheus 3's). */
export const AGGREGATIONS_NOT_IN_242: ReadonlySet<string> = new Set(['limitk', 'limit_ratio']);

/** Prometheus's complaint about an aggregation's argument count, or undefined when right. */
export function aggregationCountError(op: string, count: number): string | undefined {
  if (count === 0) return 'no arguments for aggregate expression provided';
  const expected = PARAMETERISED.has(op) ? 2 : 1;
  return count === expected ? undefined : `wrong number of arguments for aggregate expression provided, expected ${expected}, got ${count}`;
}
