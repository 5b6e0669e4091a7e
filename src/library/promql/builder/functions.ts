import { durationMs, type Duration } from '../../duration.js';
import type { Expr } from '../ast.js';
import type { Selector } from './selector.js';
import { Scalar, Vector } from './vector.js';

/** A range of samples from a subquery, for the `*_over_time` functions. */
export class RangeQuery<L extends string> {
  declare readonly __labels?: L;
  /** Tells a range apart from an instant query, which has an `ast` too. */
  readonly range = true;
  constructor(readonly ast: Expr) {}
}

type CounterSelector<L extends string> = Selector<'counter', L, any>;
type GaugeSelector<L extends string> = Selector<'gauge', L, any>;
type AnySelector<L extends string> = Selector<'counter' | 'gauge', L, any>;

function rangeOf(sel: AnySelector<string>, window: Duration): Expr {
  return { type: 'matrix', vector: { ...sel.selectorAst, matchers: [...sel.selectorAst.matchers] }, rangeMs: durationMs(window) };
}

function call<L extends string>(func: string, args: Expr[]): Vector<L> {
  return new Vector<L>({ type: 'call', func, args });
}

function rangeArg(x: AnySelector<string> | RangeQuery<string>, window?: Duration): Expr {
  if (x instanceof RangeQuery) return x.ast;
  if (!window) throw new Error(`a window is required for ${x.metricName}`);
  return rangeOf(x, window);
}

/** Per-second rate of a counter over `window`; handles counter resets. */
export function rate<L extends string>(counter: CounterSelector<L>, window: Duration): Vector<L> {
  return call('rate', [rangeOf(counter, window)]);
}

/** Increase of a counter over `window` (rate × window, extrapolated like rate). */
export function increase<L extends string>(counter: CounterSelector<L>, window: Duration): Vector<L> {
  return call('increase', [rangeOf(counter, window)]);
}

/** Per-second rate from the last two samples only: reacts fast, noisy. */
export function irate<L extends string>(counter: CounterSelector<L>, window: Duration): Vector<L> {
  return call('irate', [rangeOf(counter, window)]);
}

/** Number of counter resets (process restarts) within `window`. */
export function resets<L extends string>(counter: CounterSelector<L>, window: Duration): Vector<L> {
  return call('resets', [rangeOf(counter, window)]);
}

/** Number of times a gauge changed value within `window`. */
export function changes<L extends string>(gauge: GaugeSelector<L>, window: Duration): Vector<L> {
  return call('changes', [rangeOf(gauge, window)]);
}

/** Difference between the first and last value of a gauge within `window`. */
export function delta<L extends string>(gauge: GaugeSelector<L>, window: Duration): Vector<L> {
  return call('delta', [rangeOf(gauge, window)]);
}

/** Per-second derivative of a gauge by linear regression. */
export function deriv<L extends string>(gauge: GaugeSelector<L> | RangeQuery<L>, window?: Duration): Vector<L> {
  return call('deriv', [rangeArg(gauge, window)]);
}

/** Predicted value of a gauge `seconds` from now, by linear regression over `window`. */
export function predictLinear<L extends string>(gauge: GaugeSelector<L>, window: Duration, seconds: number): Vector<L> {
  return call('predict_linear', [rangeOf(gauge, window), { type: 'number', value: seconds }]);
}

function overTime(func: string) {
  return <L extends string>(gauge: GaugeSelector<L> | RangeQuery<L>, window?: Duration): Vector<L> =>
    call(func, [rangeArg(gauge, window)]);
}

export const avgOverTime = overTime('avg_over_time');
export const minOverTime = overTime('min_over_time');
export const maxOverTime = overTime('max_over_time');
export const sumOverTime = overTime('sum_over_time');
export const lastOverTime = overTime('last_over_time');
export const stddevOverTime = overTime('stddev_over_time');

/** Number of samples in `window`; works on any series. */
export function countOverTime<L extends string>(sel: AnySelector<L> | RangeQuery<L>, window?: Duration): Vector<L> {
  return call('count_over_time', [rangeArg(sel, window)]);
}

/** 1 for each series with at least one sample in `window`. */
export function presentOverTime<L extends string>(sel: AnySelector<L>, window: Duration): Vector<L> {
  return call('present_over_time', [rangeOf(sel, window)]);
}

/** 1 when no series matches within `window`: for "the metric disappeared" alerts. */
export function absentOverTime(sel: AnySelector<string>, window: Duration): Vector<never> {
  return call('absent_over_time', [rangeOf(sel, window)]);
}

/** 1 when no series matches: for "the target or metric is gone" alerts. */
export function absent(sel: AnySelector<string>): Vector<never> {
  return call('absent', [sel.ast]);
}

/** φ-quantile of a gauge's samples within `window`. */
export function quantileOverTime<L extends string>(q: number, gauge: GaugeSelector<L> | RangeQuery<L>, window?: Duration): Vector<L> {
  return call('quantile_over_time', [{ type: 'number', value: q }, rangeArg(gauge, window)]);
}

/** Evaluates `v` at every `step` over `range`, for `*_over_time` of a computed query. */
export function subquery<L extends string>(v: Vector<L>, range: Duration, step?: Duration): RangeQuery<L> {
  const ast: Expr = { type: 'subquery', expr: v.ast, rangeMs: durationMs(range) };
  if (step) ast.stepMs = durationMs(step);
  return new RangeQuery<L>(ast);
}

/** Compile-time guard: histogram_quantile needs the `le` label kept through aggregation. */
type KeepsLe<L extends string> = 'le' extends L
  ? unknown
  : { readonly 'histogram_quantile needs the le label: aggregate with .by("le", ...)': never };

/**
 * φ-quantile from classic histogram buckets. Pass rated buckets aggregated `by('le', ...)`.
 * @example
 * histogramQuantile(0.99, sum(rate(m.duration.bucket, '5m')).by('le', 'provider'))
 */
export function histogramQuantile<L extends string>(q: number, buckets: Vector<L> & KeepsLe<L>): Vector<Exclude<L, 'le'>> {
  return call('histogram_quantile', [{ type: 'number', value: q }, buckets.ast]);
}

function elementwise(func: string) {
  return <L extends string>(v: Vector<L>): Vector<L> => call(func, [v.ast]);
}

export const abs = elementwise('abs');
export const ceil = elementwise('ceil');
export const floor = elementwise('floor');
export const sqrt = elementwise('sqrt');
export const sort = elementwise('sort');
export const sortDesc = elementwise('sort_desc');

export function round<L extends string>(v: Vector<L>, toNearest?: number): Vector<L> {
  return call('round', toNearest === undefined ? [v.ast] : [v.ast, { type: 'number', value: toNearest }]);
}

export function clampMin<L extends string>(v: Vector<L>, min: number): Vector<L> {
  return call('clamp_min', [v.ast, { type: 'number', value: min }]);
}

export function clampMax<L extends string>(v: Vector<L>, max: number): Vector<L> {
  return call('clamp_max', [v.ast, { type: 'number', value: max }]);
}

/** Sets label `dst` from `src` through an anchored regex, as label_replace does. */
export function labelReplace<L extends string, D extends string>(
  v: Vector<L>,
  dst: D,
  replacement: string,
  src: L,
  regex: string,
): Vector<L | D> {
  const str = (value: string): Expr => ({ type: 'string', value });
  return call('label_replace', [v.ast, str(dst), str(replacement), str(src), str(regex)]);
}

/** The evaluation time as Unix seconds. */
export function time(): Scalar {
  return new Scalar({ type: 'call', func: 'time', args: [] });
}

/** A one-sample vector without labels: `vector(0)`, used as a fallback with `or`. */
export function vector(value: number): Vector<never> {
  return call('vector', [{ type: 'number', value }]);
}

/** The single value of a one-series vector as a scalar (NaN otherwise). */
export function scalar(v: Vector<string>): Scalar {
  return new Scalar({ type: 'call', func: 'scalar', args: [v.ast] });
}

/** `time() - gauge`: seconds since a `*_timestamp_seconds` gauge was last set. */
export function secondsSince<L extends string>(timestamp: GaugeSelector<L>): Vector<L> {
  return new Vector<L>({ type: 'binary', op: '-', lhs: time().ast, rhs: timestamp.ast, returnBool: false });
}
