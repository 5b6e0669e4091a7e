import { captureSource } from '../source.js';
import { keptIgnore, type Ignore } from '../diagnostics/ignore.js';
import type { SourceLocation } from '../diagnostics/diagnostic.js';
import type { LabelSpec } from '../labels.js';
import { CounterMetric, GaugeMetric, HistogramMetric, type AnyMetric, type ExporterName, type GaugeStates } from './metric.js';

interface MetricOptions<N extends string, S extends LabelSpec> {
  /** The full Prometheus name, e.g. `gateway_requests_total`. */
  name: N;
  help: string;
  unit?: string;
  /** Label name → closed list of values, or `'open'`. Omit for a metric without labels. */
  labels?: S;
  /** Checks silenced for this metric, each with the reason: `{ 'metric/help': 'why' }`. */
  ignore?: Ignore;
}

/**
 * Declares a counter. Its name ends in `_total`, unless an exporter named it otherwise: then
 * `exporterName` says so, with the reason, and the suffix check lets it be.
 * @example
 * const requests = counter({
 *   name: 'gateway_requests_total',
 *   help: 'Chat and model requests answered by the gateway.',
 *   labels: { route: ['chat_completions', 'models'], code: ['200', '429', '500', '502'], provider: 'open' },
 * });
 * const nginxRequests = counter({
 *   name: 'nginx_http_requests',
 *   help: 'Client requests nginx has answered.',
 *   exporterName: { reason: 'named by nginx-prometheus-exporter, which exposes no _total' },
 * });
 */
export function counter<const N extends string, const S extends LabelSpec = {}>(
  options: MetricOptions<N, S> & { exporterName?: ExporterName },
): CounterMetric<N, NoInfer<S>> {
  return new CounterMetric({ ...info(options), source: captureSource() }, options.exporterName);
}

/** Declares a gauge. A Unix timestamp is a gauge named `*_timestamp_seconds` with unit `seconds`. */
export function gauge<const N extends string, const S extends LabelSpec = {}, const ST extends GaugeStates = {}>(
  options: MetricOptions<N, S> & { states?: ST },
): GaugeMetric<N, NoInfer<S>, NoInfer<ST>> {
  return new GaugeMetric({ ...info(options), source: captureSource() }, options.states);
}

/**
 * Declares a histogram with explicit bucket upper bounds (seconds for durations). Every
 * threshold an SLO or alert uses must be one of the buckets, or the query cannot be exact.
 * @example
 * const duration = histogram({
 *   name: 'gateway_request_duration_seconds',
 *   help: 'End-to-end request latency as seen by the client.',
 *   unit: 'seconds',
 *   labels: { route: ['chat_completions'], provider: 'open' },
 *   buckets: [0.05, 0.1, 0.2, 0.5, 1, 2, 4, 8],
 * });
 */
export function histogram<const N extends string, const B extends readonly number[], const S extends LabelSpec = {}>(
  options: MetricOptions<N, S> & { buckets: B },
): HistogramMetric<N, NoInfer<S>, B> {
  return new HistogramMetric({ ...info(options), source: captureSource() }, options.buckets);
}

function info<N extends string, S extends LabelSpec>(options: MetricOptions<N, S>) {
  return { name: options.name, help: options.help, unit: options.unit, labels: options.labels ?? ({} as S), ...keptIgnore(options.ignore) };
}

/** A service's metric contract: what its `/metrics` endpoint exposes, scraped as `job`. */
export interface Catalog<M extends Record<string, AnyMetric> = Record<string, AnyMetric>> {
  readonly kind: 'catalog';
  /** The scrape job that exposes these metrics (the first of `jobs`); generated tests use it as the `job` label. */
  readonly job: string;
  /**
   * Every scrape job that exposes these metrics: one for a service's own catalog, several for
   * a metric many services expose alike (`http_requests_total` of an api and its workers).
   */
  readonly jobs: readonly [string, ...string[]];
  readonly metrics: M;
  readonly source?: SourceLocation | undefined;
}

/**
 * Every job a catalog is scraped as. A catalog written as a plain object rather than through
 * `defineMetrics` (the config's schema allows it) may name `job` alone.
 */
export function catalogJobs(catalog: Pick<Catalog, 'job'> & { readonly jobs?: readonly string[] | undefined }): readonly string[] {
  return catalog.jobs ?? [catalog.job];
}

/** One job, or every job that exposes the same metrics: a query may select any of them. */
export type CatalogJobs = { job: string; jobs?: never } | { jobs: readonly [string, ...string[]]; job?: never };

/**
 * The single source of truth for a service's metrics: names, types, units, labels and
 * buckets. Queries, alerts and the service's own instruments are typed from it.
 * @example
 * export const gateway = defineMetrics({ job: 'ai-gateway', metrics: { requests, duration } });
 * const m = gateway.metrics;
 * sum(rate(m.requests.where({ code: re('5..') }), '5m')).by('provider');
 * // The same metrics scraped from two jobs:
 * export const http = defineMetrics({ jobs: ['api', 'worker'], metrics: { requests } });
 */
export function defineMetrics<const M extends Record<string, AnyMetric>>(options: CatalogJobs & { metrics: M }): Catalog<M> {
  const jobs = options.jobs ?? [options.job];
  return { kind: 'catalog', job: jobs[0], jobs, metrics: options.metrics, source: captureSource() };
}
