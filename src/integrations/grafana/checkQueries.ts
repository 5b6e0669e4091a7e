/**
 * The live query check: every panel query of every dashboard, with its variables substituted as
 * Grafana would, run against a real Prometheus. A panel whose query Prometheus rejects, or
 * which draws nothing, is what a reviewer would otherwise only find by opening Grafana.
 */
import { parseDuration } from '../../library/duration.js';
import { panelLabel, panelsOf, type DashboardFile, type Panel, type PanelRef, type Target } from './dashboardFiles.js';
import type { PrometheusApi, QueryAnswer } from '../prometheus/prometheusApi.js';
import {
  builtinVariables,
  DEFAULT_SCRAPE_INTERVAL_MS,
  interpolate,
  panelPixelWidth,
  queryIntervals,
  resolveVariables,
  type QueryIntervals,
  type TimeWindow,
  type VariableProblem,
  type VariableValue,
} from './variables.js';

/** One panel that may be empty by design, from `--expect-empty`: `<dashboard uid or title>/<panel title or #id>`. */
export interface ExpectEmpty {
  dashboard: string;
  panel: string;
  /** The entry as written, for messages. */
  text: string;
}

/** How a query is sent: Grafana's "Range", "Instant" or both. */
export type QueryKind = 'range' | 'instant';

/** One query as run: what was sent and what came back. */
export interface QueryRun {
  refId: string;
  kind: QueryKind;
  /** The expression after variable substitution. */
  expr: string;
  status: 'ok' | 'failed' | 'empty';
  series: number;
  /** Prometheus's error text when it rejected the query. */
  error?: string;
}

/** ok: every query returned series; failed: one was rejected; empty: one returned none. */
export type PanelStatus = 'ok' | 'failed' | 'empty' | 'empty-by-design';

export interface PanelCheck {
  dashboard: { uid: string; title: string; file: string };
  panel: { id?: number; title: string; type: string; path: string };
  status: PanelStatus;
  queries: QueryRun[];
  /** A panel listed in --expect-empty that returned data: fine, but worth a look. */
  note?: string;
}

export interface CheckReport {
  window: { from: string; to: string };
  scrapeIntervalMs: number;
  panels: PanelCheck[];
  /** Variables that could not be resolved as Grafana would. */
  variables: (VariableProblem & { dashboard: string; file: string })[];
  /** --expect-empty entries that name no panel: the list has gone stale. */
  unmatchedExpectations: string[];
  /** Panels whose targets were all skipped (hidden, or not a Prometheus datasource). */
  skippedPanels: number;
  /** Failed and empty panels plus failed variables: non-zero fails the command. */
  failures: number;
}

export interface CheckOptions {
  api: PrometheusApi;
  dashboards: readonly DashboardFile[];
  /** The window's length: queries cover [now - lookback, now]. */
  lookbackMs: number;
  /** Unix ms; defaults to the current time. */
  now?: number;
  /** The datasource's scrape interval ("Min interval"); `$__rate_interval` is built from it. */
  scrapeIntervalMs?: number;
  expectEmpty?: readonly ExpectEmpty[];
  /** Queries in flight at once. */
  concurrency?: number;
}

/**
 * Parses `--expect-empty` entries, one per line (a file) or comma-separated (inline);
 * `#` starts a comment line. Entries without a `/` are reported as problems.
 */
export function parseExpectEmpty(text: string, inline: boolean): { entries: ExpectEmpty[]; problems: string[] } {
  const entries: ExpectEmpty[] = [];
  const problems: string[] = [];
  const items = inline ? text.split(',') : text.split(/\r?\n/);
  for (const raw of items) {
    const item = raw.trim();
    if (!item || item.startsWith('#')) continue;
    const slash = item.indexOf('/');
    if (slash <= 0 || slash === item.length - 1) {
      problems.push(`"${item}" is not <dashboard uid or title>/<panel title or #id>`);
      continue;
    }
    entries.push({ dashboard: item.slice(0, slash).trim(), panel: item.slice(slash + 1).trim(), text: item });
  }
  return { entries, problems };
}

function matches(entry: ExpectEmpty, d: DashboardFile, ref: PanelRef): boolean {
  if (entry.dashboard !== d.dashboard.uid && entry.dashboard !== d.dashboard.title) return false;
  if (entry.panel.startsWith('#')) return ref.panel.id !== undefined && entry.panel === `#${ref.panel.id}`;
  return entry.panel === ref.panel.title;
}

/** The datasource type a target runs on, when the JSON says; undefined means the default one. */
function datasourceType(target: Target, panel: Panel): string | undefined {
  const own = target.datasource ?? panel.datasource;
  if (own && typeof own === 'object') return own.type;
  return undefined;
}

/** Targets Grafana would send to Prometheus: visible, with an expression, on a Prometheus datasource. */
export function runnableTargets(panel: Panel): Target[] {
  return (panel.targets ?? []).filter((t) => {
    if (t.hide || !t.expr?.trim()) return false;
    const type = datasourceType(t, panel);
    return type === undefined || type === 'prometheus';
  });
}

/** Grafana sends a target as a range query unless it is instant-only; both when both are ticked. */
export function queryKinds(target: Target): QueryKind[] {
  if (target.instant && target.range) return ['range', 'instant'];
  if (target.instant) return ['instant'];
  return ['range'];
}

/** A target's refId, or the one Grafana would give it (A, B, ... by position). */
export function refIdOf(target: Target, index: number): string {
  return target.refId ?? String.fromCharCode(65 + (index % 26));
}

/** The intervals and built-in variables a target of a panel runs with. */
export function targetContext(panel: Panel, target: Target, window: TimeWindow, scrapeIntervalMs: number): { intervals: QueryIntervals; builtins: Record<string, string> } {
  const minText = target.interval || panel.interval || undefined;
  const minIntervalMs = minText ? parseDuration(minText) : undefined;
  const intervals = queryIntervals({
    window,
    scrapeIntervalMs,
    maxDataPoints: panel.maxDataPoints ?? panelPixelWidth(panel.gridPos?.w),
    minIntervalMs,
  });
  return { intervals, builtins: builtinVariables(window, intervals) };
}

/** Runs `expr` as Grafana would: a range query with the start and end aligned to the step, or an instant one. */
export function runQuery(api: PrometheusApi, expr: string, kind: QueryKind, window: TimeWindow, stepSeconds: number): Promise<QueryAnswer> {
  const end = window.toMs / 1000;
  if (kind === 'instant') return api.instant(expr, end);
  const start = Math.floor(window.fromMs / 1000 / stepSeconds) * stepSeconds;
  const alignedEnd = Math.ceil(end / stepSeconds) * stepSeconds;
  return api.range(expr, start, alignedEnd, stepSeconds);
}

function toRun(refId: string, kind: QueryKind, expr: string, answer: QueryAnswer): QueryRun {
  if (!answer.ok) return { refId, kind, expr, status: 'failed', series: 0, error: `${answer.errorType}: ${answer.error}` };
  const series = answer.series.length;
  return { refId, kind, expr, status: series > 0 ? 'ok' : 'empty', series };
}

/** Runs `jobs` with at most `limit` in flight, keeping their order. */
async function pool<T>(jobs: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const out: T[] = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const i = next++;
      out[i] = await jobs[i]!();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, jobs.length)) }, worker));
  return out;
}

async function checkPanel(
  d: DashboardFile,
  ref: PanelRef,
  variables: ReadonlyMap<string, VariableValue>,
  options: { api: PrometheusApi; window: TimeWindow; scrapeIntervalMs: number; expected: boolean; concurrency: number },
): Promise<PanelCheck | undefined> {
  const targets = runnableTargets(ref.panel);
  if (targets.length === 0) return undefined;
  const jobs: (() => Promise<QueryRun>)[] = [];
  (ref.panel.targets ?? []).forEach((target, index) => {
    if (!targets.includes(target)) return;
    const { intervals, builtins } = targetContext(ref.panel, target, options.window, options.scrapeIntervalMs);
    const expr = interpolate(target.expr!, variables, builtins);
    const refId = refIdOf(target, index);
    for (const kind of queryKinds(target)) {
      jobs.push(async () => toRun(refId, kind, expr, await runQuery(options.api, expr, kind, options.window, intervals.stepSeconds)));
    }
  });
  const queries = await pool(jobs, options.concurrency);
  let status: PanelStatus = 'ok';
  if (queries.some((q) => q.status === 'failed')) status = 'failed';
  else if (queries.some((q) => q.status === 'empty')) status = options.expected ? 'empty-by-design' : 'empty';
  const check: PanelCheck = {
    dashboard: { uid: d.dashboard.uid, title: d.dashboard.title, file: d.file },
    panel: { ...(ref.panel.id !== undefined ? { id: ref.panel.id } : {}), title: panelLabel(ref), type: ref.panel.type, path: ref.path },
    status,
    queries,
  };
  if (options.expected && status === 'ok') check.note = 'listed in --expect-empty but returned data';
  return check;
}

/**
 * Checks every dashboard's panel queries against the Prometheus behind `options.api` over the
 * last `lookbackMs`. Query errors and empty answers are results, not exceptions; only an
 * unreachable Prometheus throws (PrometheusUnreachable).
 */
export async function checkQueries(options: CheckOptions): Promise<CheckReport> {
  const now = options.now ?? Date.now();
  const window: TimeWindow = { fromMs: now - options.lookbackMs, toMs: now };
  const scrapeIntervalMs = options.scrapeIntervalMs ?? DEFAULT_SCRAPE_INTERVAL_MS;
  const expectEmpty = options.expectEmpty ?? [];
  const used = new Set<ExpectEmpty>();
  const report: CheckReport = {
    window: { from: new Date(window.fromMs).toISOString(), to: new Date(window.toMs).toISOString() },
    scrapeIntervalMs,
    panels: [],
    variables: [],
    unmatchedExpectations: [],
    skippedPanels: 0,
    failures: 0,
  };
  for (const d of options.dashboards) {
    const resolved = await resolveVariables(d.dashboard.templating?.list ?? [], { api: options.api, window, scrapeIntervalMs });
    for (const p of resolved.problems) report.variables.push({ ...p, dashboard: d.dashboard.uid, file: d.file });
    for (const ref of panelsOf(d.dashboard)) {
      const entry = expectEmpty.find((e) => matches(e, d, ref));
      if (entry) used.add(entry);
      const check = await checkPanel(d, ref, resolved.values, {
        api: options.api,
        window,
        scrapeIntervalMs,
        expected: entry !== undefined,
        concurrency: options.concurrency ?? 4,
      });
      if (check) report.panels.push(check);
      else if ((ref.panel.targets ?? []).length > 0) report.skippedPanels++;
    }
  }
  report.unmatchedExpectations = expectEmpty.filter((e) => !used.has(e)).map((e) => e.text);
  report.failures =
    report.panels.filter((p) => p.status === 'failed' || p.status === 'empty').length + report.variables.filter((v) => v.kind === 'failed').length;
  return report;
}

const STATUS_TEXT: Record<PanelStatus, string> = { ok: 'ok', failed: 'FAILED', empty: 'EMPTY', 'empty-by-design': 'empty (expected)' };

/** Why a panel has its status, in one line: the first failing or empty query. */
function detail(p: PanelCheck): string {
  const failed = p.queries.find((q) => q.status === 'failed');
  if (failed) return `${failed.refId}: ${failed.error}`;
  const empty = p.queries.filter((q) => q.status === 'empty');
  if (empty.length > 0) return `${empty.map((q) => `${q.refId} (${q.kind})`).join(', ')} returned no series: ${empty[0]!.expr}`;
  const series = p.queries.reduce((n, q) => n + q.series, 0);
  return p.note ? `${series} series; ${p.note}` : `${series} series`;
}

/**
 * The report as a table, problems first: STATUS, DASHBOARD, PANEL, DETAIL, then the variables
 * that could not be resolved, stale --expect-empty entries and a summary line.
 */
export function formatReport(report: CheckReport, options: { all?: boolean } = {}): string {
  const order: Record<PanelStatus, number> = { failed: 0, empty: 1, 'empty-by-design': 2, ok: 3 };
  const rows = [...report.panels]
    .filter((p) => options.all || p.status !== 'ok' || p.note)
    .sort((a, b) => order[a.status] - order[b.status])
    .map((p) => [STATUS_TEXT[p.status], p.dashboard.uid, p.panel.title, detail(p)]);
  const lines: string[] = [];
  if (rows.length > 0) {
    const header = ['STATUS', 'DASHBOARD', 'PANEL', 'DETAIL'];
    const widths = header.slice(0, 3).map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const line = (cells: string[]) => cells.map((c, i) => (i < 3 ? c.padEnd(widths[i]!) : c)).join('  ');
    lines.push(line(header), ...rows.map(line));
  }
  for (const v of report.variables) lines.push(`variable $${v.name} (${v.dashboard}): ${v.kind === 'failed' ? 'FAILED' : v.kind}: ${v.message}`);
  for (const e of report.unmatchedExpectations) lines.push(`--expect-empty entry "${e}" names no panel`);
  const count = (s: PanelStatus) => report.panels.filter((p) => p.status === s).length;
  const queries = report.panels.reduce((n, p) => n + p.queries.length, 0);
  lines.push(
    `${report.panels.length} panels, ${queries} queries over ${report.window.from} .. ${report.window.to}: ` +
      `${count('ok')} ok, ${count('failed')} failed, ${count('empty')} empty, ${count('empty-by-design')} empty by design` +
      (report.skippedPanels > 0 ? `, ${report.skippedPanels} skipped (no Prometheus query)` : ''),
  );
  return lines.join('\n');
}
