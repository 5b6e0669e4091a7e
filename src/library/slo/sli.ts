import type { LabelSpec } from '../labels.js';
import type { HistogramMetric } from '../catalog/metric.js';
import type { VectorSelector } from '../promql/ast.js';
import { toMatchers, type Matchers, type Selector, type SelectorLabels } from '../promql/builder/selector.js';

/**
 * What an SLO measures. Every kind reduces to two per-second rates over a window, bad events
 * and all events, so every window of every SLO is the ratio of two volume-weighted sums.
 */
export type SLI = RatioSLI | LatencySLI | AvailabilitySLI | RawSLI;

/** Bad (or good) events over all events, from counters. */
export interface RatioSLI {
  readonly kind: 'ratio';
  /** Counter selector of bad events; or give `good` instead. */
  readonly errors?: VectorSelector | undefined;
  readonly good?: VectorSelector | undefined;
  readonly total: VectorSelector;
}

/** Share of a histogram's observations above `threshold`, which must be one of its buckets. */
export interface LatencySLI {
  readonly kind: 'latency';
  /** The histogram's base name; `_bucket` and `_count` are read. */
  readonly histogram: string;
  readonly threshold: number;
  /** Matchers applied to both series. */
  readonly matchers: VectorSelector['matchers'];
}

/** A 0/1 gauge (`up`, a health check): the share of targets × time it was not `goodValue`. */
export interface AvailabilitySLI {
  readonly kind: 'availability';
  readonly gauge: VectorSelector;
}

/**
 * PromQL written by hand, with `{{window}}` where the range goes. With `errors` and `total`
 * it is windowed like any other SLI; an `errorRatio` alone can only be averaged over time.
 */
export interface RawSLI {
  readonly kind: 'raw';
  readonly errors?: string | undefined;
  readonly total?: string | undefined;
  readonly errorRatio?: string | undefined;
}

/** An SLI with the labels its series carry, so `groupBy` only accepts real labels. */
export interface TypedSLI<L extends string> {
  readonly sli: SLI;
  /** Phantom: the labels available for grouping. */
  readonly __labels?: L;
}

type CounterSel<L extends string> = Selector<'counter', L, any>;
type GaugeSel<L extends string> = Selector<'gauge', L, any>;

function selectorOf(sel: Selector<'counter' | 'gauge', string, any>): VectorSelector {
  return { ...sel.selectorAst, matchers: [...sel.selectorAst.matchers] };
}

/**
 * Bad events over all events.
 * @example
 * ratio({ errors: m.requests.where({ code: re('5..') }), total: m.requests })
 */
export function ratio<L extends string>(options: { errors: CounterSel<L>; total: CounterSel<L> } | { good: CounterSel<L>; total: CounterSel<L> }): TypedSLI<L> {
  const total = selectorOf(options.total);
  if ('errors' in options) return { sli: { kind: 'ratio', errors: selectorOf(options.errors), total } };
  return { sli: { kind: 'ratio', good: selectorOf(options.good), total } };
}

/**
 * Share of requests slower than `threshold`. The threshold's type only admits the
 * histogram's declared buckets, because anything else cannot be counted exactly.
 * @example
 * latency({ histogram: m.requestDuration, threshold: 4, where: { route: 'chat_completions' } })
 */
export function latency<N extends string, S extends LabelSpec, B extends readonly number[]>(options: {
  histogram: HistogramMetric<N, S, B>;
  threshold: B[number];
  where?: Matchers<S>;
}): TypedSLI<SelectorLabels<S>> {
  return {
    sli: { kind: 'latency', histogram: options.histogram.info.name, threshold: options.threshold, matchers: toMatchers(options.where ?? {}) },
  };
}

/**
 * A 0/1 gauge as availability: every target's seconds at 0 count as bad.
 * @example
 * availability({ gauge: prometheus.up.where({ job: 'ai-gateway' }) })
 */
export function availability<L extends string>(options: { gauge: GaugeSel<L> }): TypedSLI<L> {
  return { sli: { kind: 'availability', gauge: selectorOf(options.gauge) } };
}

/**
 * Hand-written queries, checked like any other; `{{window}}` is replaced by each window.
 * Named for what it makes rather than `raw`, a word a definition may well use for itself.
 * @example
 * rawSLI({ errors: 'sum(rate(http_requests_total{code=~"5.."}[{{window}}]))', total: 'sum(rate(http_requests_total[{{window}}]))' })
 */
export function rawSLI(options: { errors: string; total: string } | { errorRatio: string }): TypedSLI<string> {
  if ('errorRatio' in options) return { sli: { kind: 'raw', errorRatio: options.errorRatio } };
  return { sli: { kind: 'raw', errors: options.errors, total: options.total } };
}

/** The selector of all events of an SLI, whose labels are the ones it can be grouped by. */
export function totalSelector(sli: SLI): VectorSelector | undefined {
  switch (sli.kind) {
    case 'ratio':
      return sli.total;
    case 'latency':
      return { type: 'vector', name: `${sli.histogram}_count`, matchers: [...sli.matchers] };
    case 'availability':
      return sli.gauge;
    case 'raw':
      return undefined;
  }
}
