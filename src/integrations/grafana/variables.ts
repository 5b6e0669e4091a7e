/**
 * Grafana variables, substituted as Grafana's Prometheus datasource substitutes them: the time
 * variables (`$__interval`, `$__rate_interval`, `$__range`, ...) with the step a range query is
 * sent with, and the dashboard's template variables (`$var`, `${var}`, `[[var]]`,
 * `${var:format}`), whose values come from their saved current value or, like Grafana on load,
 * from running their query against the Prometheus and picking the first value or All.
 * Computed the way Grafana computes them, so a query checked or drawn here reads what it would
 * read in Grafana.
 */
import { formatDuration } from '../../library/duration.js';
import type { Variable } from './dashboardFiles.js';
import type { PrometheusApi } from '../prometheus/prometheusApi.js';

// ---- time variables -------------------------------------------------------------------------

/** A dashboard time range in unix milliseconds. */
export interface TimeWindow {
  fromMs: number;
  toMs: number;
}

/** What a panel's query runs with: the interval variables and the range query step. */
export interface QueryIntervals {
  /** `$__interval` (after the step adjustment, as Grafana substitutes it for Prometheus). */
  intervalMs: number;
  /** The `step` parameter of the range query, in seconds. */
  stepSeconds: number;
  /** `$__rate_interval`: max(step + scrape interval, 4 × scrape interval). */
  rateIntervalMs: number;
}

/** Grafana's fallback when the datasource has no scrape interval ("Min interval") set. */
export const DEFAULT_SCRAPE_INTERVAL_MS = 15_000;

/** Grafana never asks Prometheus for more than this many points per series. */
const MAX_POINTS_PER_SERIES = 11_000;

/**
 * Grafana's "nice" intervals: a raw interval below the first number rounds to the second.
 * (Grafana's rangeutil.roundInterval, as a table.)
 */
const ROUNDING: [below: number, to: number][] = [
  [15, 10],
  [35, 20],
  [75, 50],
  [150, 100],
  [350, 200],
  [750, 500],
  [1_500, 1_000],
  [3_500, 2_000],
  [7_500, 5_000],
  [12_500, 10_000],
  [17_500, 15_000],
  [25_000, 20_000],
  [45_000, 30_000],
  [90_000, 60_000],
  [210_000, 120_000],
  [450_000, 300_000],
  [750_000, 600_000],
  [1_050_000, 900_000],
  [1_500_000, 1_200_000],
  [2_700_000, 1_800_000],
  [5_400_000, 3_600_000],
  [9_000_000, 7_200_000],
  [16_200_000, 10_800_000],
  [32_400_000, 21_600_000],
  [86_400_000, 43_200_000],
  [604_800_000, 86_400_000],
  [1_814_400_000, 604_800_000],
  [3_628_800_000, 2_592_000_000],
];

/** Rounds a raw interval (ms) to the nice interval Grafana would show. */
export function roundInterval(ms: number): number {
  for (const [below, to] of ROUNDING) if (ms < below) return to;
  return 31_536_000_000;
}

/**
 * A panel's intervals for a time window. `maxDataPoints` is the panel's setting or its width in
 * pixels (Grafana's default); `minIntervalMs` is the query's or panel's "Min interval", else the
 * datasource's scrape interval.
 */
export function queryIntervals(options: { window: TimeWindow; scrapeIntervalMs: number; maxDataPoints: number; minIntervalMs?: number }): QueryIntervals {
  const rangeMs = Math.max(1, options.window.toMs - options.window.fromMs);
  const minMs = options.minIntervalMs ?? options.scrapeIntervalMs;
  const intervalMs = Math.max(roundInterval(rangeMs / Math.max(1, options.maxDataPoints)), minMs);
  // Prometheus refuses more than 11,000 points per series; Grafana widens the step to stay under.
  const safeSeconds = Math.ceil(rangeMs / 1000 / MAX_POINTS_PER_SERIES);
  const stepSeconds = Math.max(intervalMs / 1000, minMs / 1000, safeSeconds, 0.001);
  const stepMs = Math.round(stepSeconds * 1000);
  return {
    intervalMs: stepMs,
    stepSeconds,
    rateIntervalMs: Math.max(stepMs + options.scrapeIntervalMs, 4 * options.scrapeIntervalMs),
  };
}

/** The built-in variables for one panel query, by name (without `$`), as query text. */
export function builtinVariables(window: TimeWindow, intervals: QueryIntervals): Record<string, string> {
  const rangeMs = window.toMs - window.fromMs;
  const rangeSeconds = Math.round(rangeMs / 1000);
  return {
    __interval: formatDuration(intervals.intervalMs),
    __interval_ms: String(intervals.intervalMs),
    __rate_interval: formatDuration(intervals.rateIntervalMs),
    __rate_interval_ms: String(intervals.rateIntervalMs),
    __range: `${rangeSeconds}s`,
    __range_s: String(rangeSeconds),
    __range_ms: String(rangeMs),
    __from: String(window.fromMs),
    __to: String(window.toMs),
  };
}

/** Grafana's pixel width for a panel `w` columns wide on a 1920-pixel screen: its default maxDataPoints. */
export function panelPixelWidth(gridWidth: number | undefined): number {
  return Math.max(100, Math.round(((gridWidth ?? 12) / 24) * 1850));
}

// ---- template variables ---------------------------------------------------------------------

/** A template variable's value as a query sees it. */
export interface VariableValue {
  name: string;
  /** The selected values; every option's value when All is selected without a custom all value. */
  values: string[];
  /** Display texts, for `${var:text}`. */
  texts: string[];
  /** All is selected. */
  all: boolean;
  /** The variable's custom all value (`.*`), used as is when All is selected. */
  allValue?: string;
  /** Multi-value or include-All: Grafana regex-escapes its values for Prometheus. */
  regexList: boolean;
  /** Where the value came from: the saved current value, or picked from the query's answer. */
  source: 'current' | 'first' | 'all' | 'constant';
}

/** A variable that could not be resolved like Grafana would (query failed, no values). */
export interface VariableProblem {
  name: string;
  kind: 'failed' | 'empty' | 'unsupported';
  message: string;
}

const ALL = '$__all';

/** The variable reference syntaxes Grafana accepts: `$var`, `[[var:fmt]]`, `${var.path:fmt}`. */
const REFERENCE = /\$(\w+)|\[\[(\w+?)(?::(\w+))?\]\]|\$\{(\w+)(?:\.([^:}]+))?(?::([^}]+))?\}/g;

/** Regex metacharacters escaped for a PromQL double-quoted string: `.` becomes `\\.`. */
function promRegexEscape(value: string): string {
  return value.replace(/\\/g, '\\\\\\\\').replace(/[$^*{}[\]'+?.()|]/g, '\\\\$&');
}

/** A single value for a PromQL string, as Grafana's Prometheus datasource escapes it. */
function promRegularEscape(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/'/g, "\\\\'");
}

/** Plain regex escaping, for `${var:regex}`. */
function regexEscape(value: string): string {
  return value.replace(/[\\^$*+?.()|[\]{}/]/g, '\\$&');
}

/** The datasource's own formatting, used when a reference names no format. */
function prometheusFormat(v: VariableValue, values: string[]): string {
  if (!v.regexList) return promRegularEscape(values.join(','));
  const escaped = values.map(promRegexEscape);
  return escaped.length === 1 ? escaped[0]! : `(${escaped.join('|')})`;
}

/** `${var:format}`: Grafana's named formats. An unknown format falls back to the datasource's. */
function namedFormat(v: VariableValue, values: string[], format: string): string {
  const many = values.length > 1;
  switch (format) {
    case 'raw':
      return values.join(',');
    case 'regex':
      return many ? `(${values.map(regexEscape).join('|')})` : regexEscape(values[0] ?? '');
    case 'pipe':
      return values.join('|');
    case 'csv':
    case 'distributed':
      return values.join(',');
    case 'json':
      return JSON.stringify(many || v.regexList ? values : (values[0] ?? ''));
    case 'glob':
      return many ? `{${values.join(',')}}` : (values[0] ?? '');
    case 'text':
      return v.all ? 'All' : v.texts.join(' + ');
    case 'singlequote':
      return values.map((s) => `'${s.replace(/'/g, "\\'")}'`).join(',');
    case 'doublequote':
      return values.map((s) => `"${s.replace(/"/g, '\\"')}"`).join(',');
    case 'sqlstring':
      return values.map((s) => `'${s.replace(/'/g, "''")}'`).join(',');
    case 'queryparam':
      return values.map((s) => `var-${v.name}=${encodeURIComponent(s)}`).join('&');
    case 'percentencode':
      return encodeURIComponent(many ? `{${values.join(',')}}` : (values[0] ?? ''));
    default:
      return prometheusFormat(v, values);
  }
}

function formatValue(v: VariableValue, format: string | undefined): string {
  // Grafana uses a custom all value as written, unless the format asks for text.
  if (v.all && v.allValue !== undefined && format !== 'text' && format !== 'percentencode') return v.allValue;
  return format ? namedFormat(v, v.values, format) : prometheusFormat(v, v.values);
}

/** The built-in `${__from:date:seconds}` forms; plain `${__from}` is milliseconds. */
function formatBuiltin(name: string, value: string, format: string | undefined): string {
  if ((name === '__from' || name === '__to') && format === 'date:seconds') return String(Math.floor(Number(value) / 1000));
  return value;
}

/**
 * Substitutes every variable reference in `text`. Unknown names are left as written, as
 * Grafana leaves them (Prometheus then reports the `$` as a parse error).
 */
export function interpolate(text: string, variables: ReadonlyMap<string, VariableValue>, builtins: Readonly<Record<string, string>> = {}): string {
  return text.replace(REFERENCE, (whole, plain?: string, bracket?: string, bracketFormat?: string, braced?: string, _field?: string, bracedFormat?: string) => {
    const name = plain ?? bracket ?? braced ?? '';
    const format = bracketFormat ?? bracedFormat;
    const builtin = builtins[name];
    if (builtin !== undefined) return formatBuiltin(name, builtin, format);
    const v = variables.get(name);
    return v ? formatValue(v, format) : whole;
  });
}

/** Names of the variables `text` refers to. */
export function referencedVariables(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(REFERENCE)) out.push((m[1] ?? m[2] ?? m[4])!);
  return out;
}

/** A query variable's query text; Grafana 10+ may store it as `{query: "..."}`. */
export function variableQuery(v: Variable): string {
  if (typeof v.query === 'string') return v.query;
  return v.query?.query ?? v.definition ?? '';
}

function asList(value: string | string[] | null | undefined): string[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** Grafana's `/pattern/flags` (or bare pattern) regex of a query variable. */
function variableRegex(text: string): RegExp {
  const m = /^\/(.*)\/([gimsuy]*)$/s.exec(text);
  return m ? new RegExp(m[1]!, m[2]!.replace('g', '')) : new RegExp(`^${text}$`);
}

/** Applies a query variable's regex: keep matches, take the `value` group or the first capture. */
function applyRegex(values: string[], regex: string | null | undefined): string[] {
  if (!regex) return values;
  const re = variableRegex(regex);
  const out: string[] = [];
  for (const value of values) {
    const m = re.exec(value);
    if (!m) continue;
    out.push(m.groups?.value ?? m.groups?.text ?? m[1] ?? m[0]);
  }
  return out;
}

const collator = new Intl.Collator('en', { numeric: true });

/** Grafana's sort modes: 1/2 alphabetical, 3/4 numerical, 5/6 case-insensitive, 7/8 natural. */
function sortValues(values: string[], sort: number | null | undefined): string[] {
  const num = (s: string) => {
    const m = /-?\d+(\.\d+)?/.exec(s);
    return m ? Number(m[0]) : Number.NaN;
  };
  const compare: Record<number, (a: string, b: string) => number> = {
    1: (a, b) => (a < b ? -1 : a > b ? 1 : 0),
    3: (a, b) => num(a) - num(b),
    5: (a, b) => a.toLowerCase().localeCompare(b.toLowerCase()),
    7: (a, b) => collator.compare(a, b),
  };
  if (!sort) return values;
  const base = compare[sort % 2 === 1 ? sort : sort - 1];
  if (!base) return values;
  const sorted = [...values].sort(base);
  return sort % 2 === 0 ? sorted.reverse() : sorted;
}

/** Splits a custom variable's "a, b, key : value" list, honouring `\,`. */
function customOptions(query: string): string[] {
  const parts = query.match(/(?:\\,|[^,])+/g) ?? [];
  return parts.map((p) => {
    const text = p.trim().replace(/\\,/g, ',');
    const kv = /^(.+?)\s:\s(.+)$/.exec(text);
    return kv ? kv[2]! : text;
  });
}

/** Text of one `query_result()` series, as Grafana writes it: `name{a="1",b="2"} value timestamp_ms`. */
function resultText(labels: Record<string, string>, sample: [number, number] | undefined): string {
  const { __name__: name = '', ...rest } = labels;
  const parts = Object.entries(rest).map(([k, v]) => `${k}="${v}"`);
  return `${name}{${parts.join(',')}} ${sample?.[1] ?? ''} ${sample ? sample[0] * 1000 : ''}`;
}

/** Runs a Prometheus query variable's query: label_values, label_names, metrics, query_result. */
async function runVariableQuery(query: string, api: PrometheusApi, window: TimeWindow): Promise<{ values: string[] } | { problem: Omit<VariableProblem, 'name'> }> {
  const start = Math.floor(window.fromMs / 1000);
  const end = Math.ceil(window.toMs / 1000);
  const q = query.trim();
  let m: RegExpExecArray | null;
  if ((m = /^label_names\(\s*(.*?)\s*\)$/s.exec(q))) {
    const r = await api.labelNames({ match: m[1] || undefined, start, end });
    return r.ok ? { values: r.values } : { problem: { kind: 'failed', message: `${q}: ${r.error}` } };
  }
  if ((m = /^label_values\(\s*(?:(.+?)\s*,\s*)?([a-zA-Z_][a-zA-Z0-9_]*)\s*\)$/s.exec(q))) {
    const r = await api.labelValues(m[2]!, { match: m[1] || undefined, start, end });
    return r.ok ? { values: r.values } : { problem: { kind: 'failed', message: `${q}: ${r.error}` } };
  }
  if ((m = /^metrics\(\s*(.*?)\s*\)$/s.exec(q))) {
    const r = await api.labelValues('__name__', { start, end });
    if (!r.ok) return { problem: { kind: 'failed', message: `${q}: ${r.error}` } };
    const re = new RegExp(m[1] ?? '');
    return { values: r.values.filter((n) => re.test(n)) };
  }
  if ((m = /^query_result\(\s*(.+)\s*\)$/s.exec(q))) {
    const r = await api.instant(m[1]!, end);
    if (!r.ok) return { problem: { kind: 'failed', message: `${q}: ${r.errorType}: ${r.error}` } };
    return { values: r.series.map((s) => resultText(s.labels, s.samples[0])) };
  }
  return { problem: { kind: 'unsupported', message: `"${q}" is not a query lookout can run (label_values, label_names, metrics, query_result)` } };
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/** What Grafana selects from the options when no current value is saved: All if offered, else the first. */
function pick(v: Variable, options: string[], allValue: string | undefined): VariableValue {
  const regexList = Boolean(v.multi || v.includeAll);
  if (v.includeAll) return { name: v.name, values: options, texts: options, all: true, allValue, regexList, source: 'all' };
  const first = options[0] ?? '';
  return { name: v.name, values: [first], texts: [first], all: false, regexList, source: 'first' };
}

/** Resolves one variable given those before it; a problem when it cannot be resolved like Grafana would. */
async function resolveOne(
  v: Variable,
  resolved: ReadonlyMap<string, VariableValue>,
  context: { api?: PrometheusApi; window: TimeWindow; builtins: Record<string, string> },
): Promise<{ value?: VariableValue; problem?: VariableProblem }> {
  const allValue = v.allValue ?? undefined;
  const regexList = Boolean(v.multi || v.includeAll);
  const current = asList(v.current?.value);
  const currentIsAll = current.includes(ALL);
  const saved = current.length > 0 && !(current.length === 1 && current[0] === '') && !currentIsAll;
  const texts = asList(v.current?.text);
  switch (v.type) {
    case 'constant':
      return { value: { name: v.name, values: [variableQuery(v)], texts: [variableQuery(v)], all: false, regexList: false, source: 'constant' } };
    case 'adhoc':
    case 'datasource':
    case 'groupby':
      // Ad hoc filters add matchers only when set; a datasource variable picks the server, not query text.
      return {};
    case 'textbox': {
      const value = saved ? current[0]! : variableQuery(v);
      return { value: { name: v.name, values: [value], texts: [value], all: false, regexList: false, source: saved ? 'current' : 'constant' } };
    }
    default:
      break;
  }
  if (saved) return { value: { name: v.name, values: current, texts: texts.length === current.length ? texts : current, all: false, regexList, source: 'current' } };
  if (currentIsAll && allValue !== undefined) return { value: { name: v.name, values: [], texts: ['All'], all: true, allValue, regexList, source: 'all' } };

  let options: string[];
  if (v.type === 'custom' || v.type === 'interval') {
    options = customOptions(variableQuery(v));
  } else if (v.type === 'query') {
    const query = interpolate(variableQuery(v), resolved, context.builtins);
    if (!context.api) return { problem: { name: v.name, kind: 'unsupported', message: 'has no saved value and no Prometheus to run its query against' } };
    const answer = await runVariableQuery(query, context.api, context.window);
    if ('problem' in answer) return { problem: { name: v.name, ...answer.problem } };
    options = sortValues(unique(applyRegex(answer.values, v.regex)), v.sort);
  } else {
    // Any other kind: fall back to the options saved with the dashboard.
    options = (v.options ?? []).flatMap((o) => asList(o.value)).filter((o) => o !== ALL);
  }
  const value = pick(v, options, allValue);
  if (options.length === 0) {
    return { value, problem: { name: v.name, kind: 'empty', message: `query "${variableQuery(v)}" returned no values` } };
  }
  return { value };
}

/**
 * Resolves a dashboard's variables in dependency order (a variable's query may use those
 * before it), over `window`. Query variables without a saved value run their query against
 * `api`, as Grafana does on load.
 */
export async function resolveVariables(
  list: readonly Variable[],
  context: { api?: PrometheusApi; window: TimeWindow; scrapeIntervalMs?: number },
): Promise<{ values: Map<string, VariableValue>; problems: VariableProblem[] }> {
  const values = new Map<string, VariableValue>();
  const problems: VariableProblem[] = [];
  const scrape = context.scrapeIntervalMs ?? DEFAULT_SCRAPE_INTERVAL_MS;
  const builtins = builtinVariables(context.window, queryIntervals({ window: context.window, scrapeIntervalMs: scrape, maxDataPoints: panelPixelWidth(24) }));
  const names = new Set(list.map((v) => v.name));
  const pending = [...list];
  const done = new Set<string>();
  while (pending.length > 0) {
    // The first variable whose references are all resolved; on a cycle, the first left.
    let index = pending.findIndex((v) => referencedVariables(variableQuery(v)).every((r) => !names.has(r) || done.has(r) || r === v.name));
    if (index === -1) index = 0;
    const [v] = pending.splice(index, 1);
    const result = await resolveOne(v!, values, { api: context.api, window: context.window, builtins });
    if (result.value) values.set(v!.name, result.value);
    if (result.problem) problems.push(result.problem);
    done.add(v!.name);
  }
  return { values, problems };
}
