import * as prometheus from '@grafana/grafana-foundation-sdk/prometheus';
import { formatDuration, type Duration } from '../duration.js';
import type { Vector } from '../promql/builder/vector.js';
import { re, type MatcherValue } from '../promql/builder/selector.js';
import { DATASOURCE_REF } from './conventions.js';

/**
 * Grafana's range variables as durations the typed builder accepts. Each is an improbable
 * duration (1d2h3m4s and a few milliseconds) that `promql()` swaps for the variable after
 * printing, so `rate(m.requests, rateInterval)` type-checks like any rate and is drawn with
 * `[$__rate_interval]`.
 */
const SENTINELS = {
  /** `$__rate_interval`: at least four scrapes, never less than the step. Every rate uses it. */
  rateInterval: 93784001,
  /** `$__range`: the dashboard's time range, for totals over what is on screen. */
  range: 93784002,
  /** `$__interval`: the step between points. */
  interval: 93784003,
} as const;

/** `$__rate_interval`, for `rate()` and `irate()` in a panel query. */
export const rateInterval = `${SENTINELS.rateInterval}ms` as Duration;
/** `$__range`, for `increase()` over the time range on screen (stat and table panels). */
export const dashboardRange = `${SENTINELS.range}ms` as Duration;
/** `$__interval`, the step between points. */
export const stepInterval = `${SENTINELS.interval}ms` as Duration;

const REPLACEMENTS: [string, string][] = [
  [formatDuration(SENTINELS.rateInterval), '$__rate_interval'],
  [formatDuration(SENTINELS.range), '$__range'],
  [formatDuration(SENTINELS.interval), '$__interval'],
];

/**
 * A panel query as Grafana runs it: typed queries are printed and their Grafana windows put
 * back; text is taken as written (and checked at generate time like every query).
 * @example
 * promql(sum(rate(m.requests.where(scope), rateInterval)).by('provider'))
 * // 'sum by (provider) (rate(gateway_requests_total{job=~"$job",instance=~"$instance"}[$__rate_interval]))'
 */
export function promql(expr: Vector<string> | string): string {
  let text = String(expr);
  for (const [printed, variable] of REPLACEMENTS) text = text.split(`[${printed}]`).join(`[${variable}]`).split(`[${printed}:`).join(`[${variable}:`);
  return text;
}

/** A matcher on a dashboard variable: `label=~"$name"`, so "All" (`.*`) and multi-select work. */
export function variable(name: string): MatcherValue<never> {
  return re(`$${name}`);
}

/**
 * The matchers of `scopeVariables`, for `.where(...)`: the chosen job and instance (every
 * scraped series has both).
 * @example
 * m.requests.where({ ...scope, code: re('5..') })
 */
export const scope = { job: variable('job'), instance: variable('instance') } as const;

/**
 * `part / whole` that reads 0, not "No data", while `part` has no series: a ratio of errors
 * over requests is empty until the first error, since `sum()` of nothing is nothing. The SLO
 * rules use the same `or … * 0`. The two sides must carry the same labels.
 * @example
 * shareOf(sum(rate(m.requests.where({ ...scope, code: re('5..') }), rateInterval)), sum(rate(m.requests.where(scope), rateInterval)))
 * // (sum(rate(…{code=~"5.."}[$__rate_interval])) or sum(rate(…[$__rate_interval])) * 0) / sum(rate(…[$__rate_interval]))
 */
export function shareOf<L extends string>(part: Vector<L>, whole: Vector<L>): Vector<L> {
  return part.or(whole.mul(0)).div(whole) as Vector<L>;
}

/** One query of a panel: the PromQL and how its series are named in the legend. */
export interface PanelQuery {
  readonly expr: string;
  /** Grafana legend template: `{{provider}}`. */
  readonly legend?: string | undefined;
  /** Evaluate once at the end of the range (stat, table), not as a range. */
  readonly instant?: boolean | undefined;
  /** Grafana's format: `table` for table panels. */
  readonly format?: 'time_series' | 'table' | undefined;
}

/**
 * A panel query from a typed query (or PromQL text).
 * @example
 * query(sum(rate(m.requests.where(scope), rateInterval)).by('code'), '{{code}}')
 */
export function query(expr: Vector<string> | string, legend?: string, options: { instant?: boolean; format?: 'time_series' | 'table' } = {}): PanelQuery {
  return { expr: promql(expr), legend, instant: options.instant, format: options.format };
}

/** The SDK target of a query: `${datasource}`, a refId in panel order (A, B, ...). */
export function target(q: PanelQuery, index: number): prometheus.DataqueryBuilder {
  const t = new prometheus.DataqueryBuilder().expr(q.expr).refId(refId(index)).datasource({ ...DATASOURCE_REF });
  if (q.legend !== undefined) t.legendFormat(q.legend);
  if (q.instant) t.instant();
  else t.range();
  if (q.format === 'table') t.format(prometheus.PromQueryFormat.Table);
  return t;
}

/** A, B, ..., Z, AA, AB, ... as Grafana names queries. */
export function refId(index: number): string {
  let n = index;
  let out = '';
  do {
    out = String.fromCharCode(65 + (n % 26)) + out;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return out;
}
