import type { SourceLocation } from '../diagnostics/diagnostic.js';
import type { Ignore } from '../diagnostics/ignore.js';
import { Selector, type Matchers, type SelectorLabels } from '../promql/builder/selector.js';
import type { Vector } from '../promql/builder/vector.js';
import type { LabelSpec } from '../labels.js';

/** What every catalog entry declares; reachable as `metric.info`. */
export interface MetricInfo<N extends string = string, S extends LabelSpec = LabelSpec> {
  readonly name: N;
  /** One sentence for the `# HELP` line: what is counted or measured, and when. */
  readonly help: string;
  /** Base unit (`seconds`, `bytes`, `tokens`, `usd`, ...); the name must end with it. */
  readonly unit?: string | undefined;
  readonly labels: S;
  /** Checks silenced for this metric, each with the reason. */
  readonly ignore?: Ignore | undefined;
  readonly source?: SourceLocation | undefined;
}

/**
 * Why a counter keeps a name without `_total`: an exporter lookout does not control chose it
 * (nginx-prometheus-exporter's `nginx_http_requests`). Queries must use the name as scraped,
 * so the suffix check is waived for this one metric, and the reason stays in the catalog.
 */
export interface ExporterName {
  /** Who named it so, and why it cannot be renamed; must not be empty. */
  readonly reason: string;
}

/** A monotonically increasing count. Readable only through rate/increase/irate/resets. */
export class CounterMetric<N extends string = string, S extends LabelSpec = LabelSpec>
  extends Selector<'counter', SelectorLabels<S>, S>
{
  readonly type = 'counter';
  constructor(
    readonly info: MetricInfo<N, S>,
    /** Set when the name is an exporter's and lacks `_total` on purpose. */
    readonly exporterName?: ExporterName,
  ) {
    super('counter', info.name);
  }
}

/** Named values of an enum-like gauge: `{ closed: 0, half_open: 1, open: 2 }`. */
export type GaugeStates = Readonly<Record<string, number>>;

/** A value that goes up and down: queue depth, circuit state, a timestamp. */
export class GaugeMetric<N extends string = string, S extends LabelSpec = LabelSpec, ST extends GaugeStates = GaugeStates> extends Selector<
  'gauge',
  SelectorLabels<S>,
  S
> {
  readonly type = 'gauge';
  constructor(
    readonly info: MetricInfo<N, S>,
    /** For enum gauges, the meaning of each value; queries compare by name with `is()`. */
    readonly states?: ST,
  ) {
    super('gauge', info.name);
  }

  /**
   * The series currently in `state`: `gateway_circuit_state == 2` written as
   * `m.circuitState.is('open')`, so the encoding lives in the catalog only.
   */
  is(state: Extract<keyof ST, string>, matchers?: Matchers<S>): Vector<SelectorLabels<S>> {
    const value = this.states?.[state];
    if (value === undefined) throw new Error(`gauge ${this.info.name} has no state "${state}"`);
    const sel = matchers ? this.where(matchers) : this;
    return sel.eq(value);
  }
}


/** The `le` values of a histogram's buckets, as they appear on the `_bucket` series. */
export type BucketLe<B extends readonly number[]> = `${B[number]}` | '+Inf';

/** Label spec of a histogram's `_bucket` series: its own labels plus `le`. */
export type BucketSpec<S extends LabelSpec, B extends readonly number[]> = S & { readonly le: readonly BucketLe<B>[] };

/**
 * A classic Prometheus histogram. The metric itself is not a series: queries read its
 * `bucket`, `count` and `sum` series, and an `le` matcher can only name a declared bucket.
 */
export class HistogramMetric<
  N extends string = string,
  S extends LabelSpec = LabelSpec,
  B extends readonly number[] = readonly number[],
> {
  readonly type = 'histogram';
  /** `<name>_bucket{le="..."}`: cumulative counters, one per bucket. */
  readonly bucket: Selector<'counter', SelectorLabels<S> | 'le', BucketSpec<S, B>>;
  /** `<name>_count`: the number of observations. */
  readonly count: Selector<'counter', SelectorLabels<S>, S>;
  /** `<name>_sum`: the sum of observed values. */
  readonly sum: Selector<'counter', SelectorLabels<S>, S>;

  constructor(
    readonly info: MetricInfo<N, S>,
    readonly buckets: B,
  ) {
    this.bucket = new Selector('counter', `${info.name}_bucket`);
    this.count = new Selector('counter', `${info.name}_count`);
    this.sum = new Selector('counter', `${info.name}_sum`);
  }
}

export type AnyMetric = CounterMetric | GaugeMetric | HistogramMetric;
