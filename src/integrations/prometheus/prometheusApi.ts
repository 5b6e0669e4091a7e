/**
 * The few Prometheus HTTP API calls that Grafana's Prometheus datasource makes for a dashboard:
 * instant and range queries, label values for `label_values(...)` variables, and the scrape
 * interval (Grafana's "min interval", which `$__rate_interval` is built from).
 */
import { request } from 'undici';
import { parse as parseYaml } from 'yaml';
import { parseDuration } from '../../library/duration.js';

/** One series of a query answer: its labels and its samples as [unix seconds, value]. */
export interface Series {
  labels: Record<string, string>;
  samples: [number, number][];
}

/** A query answer: the series, or Prometheus's own error text (a parse error, a timeout). */
export type QueryAnswer =
  | { ok: true; resultType: 'matrix' | 'vector' | 'scalar' | 'string'; series: Series[] }
  | { ok: false; errorType: string; error: string };

/** Prometheus was not reachable, or answered something that is not its API. */
export class PrometheusUnreachable extends Error {
  constructor(readonly url: string, detail: string) {
    super(`cannot query Prometheus at ${url}: ${detail}`);
  }
}

interface ApiBody {
  status?: string;
  data?: unknown;
  errorType?: string;
  error?: string;
}

type RawSample = [number, string];
interface RawResult {
  resultType: 'matrix' | 'vector' | 'scalar' | 'string';
  result: unknown;
}

/** Prometheus writes NaN and ±Inf as strings; they stay numbers here. */
function sampleValue(text: string): number {
  if (text === '+Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  return Number(text);
}

function toSeries(data: RawResult): Series[] {
  switch (data.resultType) {
    case 'matrix':
      return (data.result as { metric: Record<string, string>; values: RawSample[] }[]).map((r) => ({
        labels: r.metric,
        samples: r.values.map(([t, v]) => [t, sampleValue(v)] as [number, number]),
      }));
    case 'vector':
      return (data.result as { metric: Record<string, string>; value: RawSample }[]).map((r) => ({
        labels: r.metric,
        samples: [[r.value[0], sampleValue(r.value[1])]],
      }));
    case 'scalar': {
      const [t, v] = data.result as RawSample;
      return [{ labels: {}, samples: [[t, sampleValue(v)]] }];
    }
    default:
      // A string result has no number to draw; it still counts as an answer.
      return [{ labels: {}, samples: [] }];
  }
}

/**
 * A client for one Prometheus server. Query errors (bad PromQL, a timeout) come back as
 * data; an unreachable server or a non-API answer throws PrometheusUnreachable.
 */
export class PrometheusApi {
  readonly baseUrl: string;

  constructor(baseUrl: string, private readonly timeoutMs = 30_000) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
  }

  private async call(path: string, form?: Record<string, string | string[]>): Promise<ApiBody & { httpStatus: number }> {
    const url = `${this.baseUrl}${path}`;
    let body: URLSearchParams | undefined;
    if (form) {
      body = new URLSearchParams();
      for (const [k, v] of Object.entries(form)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
    }
    let res;
    try {
      res = await request(url, {
        method: form ? 'POST' : 'GET',
        headers: form ? { 'content-type': 'application/x-www-form-urlencoded' } : {},
        body: body?.toString(),
        headersTimeout: this.timeoutMs,
        bodyTimeout: this.timeoutMs,
      });
    } catch (e) {
      throw new PrometheusUnreachable(this.baseUrl, e instanceof Error ? e.message : String(e));
    }
    const text = await res.body.text();
    try {
      return { ...(JSON.parse(text) as ApiBody), httpStatus: res.statusCode };
    } catch {
      throw new PrometheusUnreachable(this.baseUrl, `${path} answered HTTP ${res.statusCode} with something other than the Prometheus API: ${text.slice(0, 200)}`);
    }
  }

  private async query(path: string, form: Record<string, string>): Promise<QueryAnswer> {
    const body = await this.call(path, form);
    if (body.status === 'success' && body.data) return { ok: true, resultType: (body.data as RawResult).resultType, series: toSeries(body.data as RawResult) };
    return { ok: false, errorType: body.errorType ?? `HTTP ${body.httpStatus}`, error: body.error ?? 'no error text' };
  }

  /** `GET /api/v1/query` at `time` (unix seconds). */
  instant(expr: string, time: number): Promise<QueryAnswer> {
    return this.query('/api/v1/query', { query: expr, time: String(time) });
  }

  /** `GET /api/v1/query_range` from `start` to `end` (unix seconds) every `stepSeconds`. */
  range(expr: string, start: number, end: number, stepSeconds: number): Promise<QueryAnswer> {
    return this.query('/api/v1/query_range', { query: expr, start: String(start), end: String(end), step: String(stepSeconds) });
  }

  /** Values of `label` over [start, end], limited to series matching `match` when given. */
  async labelValues(label: string, options: { match?: string; start: number; end: number }): Promise<{ ok: true; values: string[] } | { ok: false; error: string }> {
    const form: Record<string, string> = { start: String(options.start), end: String(options.end) };
    if (options.match) form['match[]'] = options.match;
    // The label values endpoint takes GET only; the form goes in the query string.
    const qs = new URLSearchParams(form).toString();
    const body = await this.call(`/api/v1/label/${encodeURIComponent(label)}/values?${qs}`);
    if (body.status === 'success') return { ok: true, values: (body.data as string[] | null) ?? [] };
    return { ok: false, error: body.error ?? `HTTP ${body.httpStatus}` };
  }

  /** Every label name over [start, end], for `label_names()` variables. */
  async labelNames(options: { match?: string; start: number; end: number }): Promise<{ ok: true; values: string[] } | { ok: false; error: string }> {
    const form: Record<string, string> = { start: String(options.start), end: String(options.end) };
    if (options.match) form['match[]'] = options.match;
    const body = await this.call(`/api/v1/labels?${new URLSearchParams(form).toString()}`);
    if (body.status === 'success') return { ok: true, values: (body.data as string[] | null) ?? [] };
    return { ok: false, error: body.error ?? `HTTP ${body.httpStatus}` };
  }

  /**
   * The server's global scrape interval in milliseconds, read from its loaded configuration;
   * undefined when it cannot be read. A Grafana datasource is normally set to the same value.
   */
  async scrapeIntervalMs(): Promise<number | undefined> {
    const body = await this.call('/api/v1/status/config');
    if (body.status !== 'success') return undefined;
    try {
      const config = parseYaml((body.data as { yaml: string }).yaml) as { global?: { scrape_interval?: string } } | null;
      const text = config?.global?.scrape_interval;
      return text ? parseDuration(text) : undefined;
    } catch {
      return undefined;
    }
  }
}
