import type { AlertGenerateResult } from './alertGenerate.js';
import type { GatewayBenchResult } from './gateway/report.js';
import type { PromtoolSuiteResult } from './promtoolSuite.js';
import { EVAL_TIME_GOAL, type BenchResult } from './report.js';

/** The benchmark suite's parts, in the order `npm run bench` runs them. */
export const SUITE_PARTS = ['gateway', 'slo', 'alerts', 'promtool'] as const;
export type SuitePart = (typeof SUITE_PARTS)[number];

/** A part that threw: its message, so the other parts' figures still stand. */
export interface PartFailure {
  failed: string;
}

/** One run of `npm run bench`: printed as one table, and written to bench/results/suite.json. */
export interface SuiteResult {
  date: string;
  command: string;
  quick: boolean;
  machine: { cpus: number; cpuModel?: string | undefined; memoryGiB: number; os: string; node: string; loadAverage: { start: number; end?: number } };
  options: Record<string, unknown>;
  /** Every figure of the summary table, as printed. */
  summary: SummaryRow[];
  gateway?: GatewayBenchResult | PartFailure;
  slo?: BenchResult | PartFailure;
  alerts?: Omit<AlertGenerateResult, 'project'> | PartFailure;
  promtool?: { reference: PromtoolSuiteResult; alerts?: PromtoolSuiteResult } | PartFailure;
  /** Where each part's full result also went, when it did. */
  partFiles: Partial<Record<SuitePart, string>>;
  wallSeconds: number;
}

/** One line of the summary: a figure, and the goal an issue set for it, if any. */
export interface SummaryRow {
  part: SuitePart;
  measure: string;
  figure: string;
  /** Empty when no issue sets a goal for this figure. */
  goal: string;
  verdict: 'met' | 'missed' | '';
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const sec = (s: number) => `${s.toFixed(s < 10 ? 2 : 1)} s`;
const msOf = (ms: number) => `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;
const pct = (x: number) => `${(100 * x).toFixed(2)}%`;
const failedOf = (p: unknown): p is PartFailure => typeof p === 'object' && p !== null && 'failed' in p;

function gatewayRows(g: GatewayBenchResult): SummaryRow[] {
  const c = g.closedLoop.targets;
  const rows: SummaryRow[] = [
    {
      part: 'gateway',
      measure: 'closed loop, requests/s',
      figure: `direct ${int(c.direct.rps)} · passthrough ${int(c.passthrough.rps)} · gateway ${int(c.gateway.rps)} · metrics off ${int(c['gateway-metrics-off'].rps)}`,
      goal: '',
      verdict: '',
    },
    {
      part: 'gateway',
      measure: 'gateway CPU per request',
      figure: `${int(g.passthroughAtGatewayRate.gatewayUsPerRequest)} µs; passthrough at the gateway's rate ${int(g.passthroughAtGatewayRate.passthroughUsPerRequest)} µs; the gateway's own ${int(g.passthroughAtGatewayRate.gatewayOwnUsPerRequest)} µs`,
      goal: '',
      verdict: '',
    },
  ];
  // The goals are the gateway benchmark's own judgement: "what: criterion", measured, pass.
  for (const goal of g.goals) {
    const at = goal.goal.indexOf(': ');
    rows.push({
      part: 'gateway',
      measure: at < 0 ? goal.goal : goal.goal.slice(0, at),
      figure: goal.measured,
      goal: at < 0 ? goal.goal : goal.goal.slice(at + 2),
      verdict: goal.pass ? 'met' : 'missed',
    });
  }
  // Other work on the machine taking CPU shows here first: the figures above are less certain.
  if (g.warnings.length) rows.push({ part: 'gateway', measure: 'warnings', figure: `${g.warnings.length} (see gateway.warnings in the suite file)`, goal: '', verdict: '' });
  return rows;
}

function sloRows(s: BenchResult): SummaryRow[] {
  const rows: SummaryRow[] = [];
  const g = s.generate;
  if (g) {
    rows.push({
      part: 'slo',
      measure: `lookout generate, ${int(g.slos)} SLOs`,
      figure: `${sec(g.totalMs / 1000)} (${msOf(g.perSLOms)} per SLO; ${int(g.recording + g.alerting)} rules, ${int(g.testFiles)} promtool test files)`,
      goal: '',
      verdict: '',
    });
  }
  const e = s.evaluation;
  const cell = (l: number, x: number, unit: (n: number) => string) => `${unit(l)} vs ${unit(x)}: ${(l / x).toFixed(2)}x`;
  const perMin = (secs: number) => msOf(secs * 1000);
  const mega = (n: number) => `${(n / 1e6).toFixed(1)} M`;
  rows.push(
    {
      part: 'slo',
      measure: `rule evaluation per minute, ${e.slos} SLOs, lookout vs Sloth-shaped`,
      figure: cell(e.lookout.evalSecondsPerMinute, e.sloth.evalSecondsPerMinute, perMin),
      goal: `lookout ≤ ${EVAL_TIME_GOAL.toFixed(2)}x the Sloth-shaped rule set`,
      verdict: e.ratio.evalTime <= EVAL_TIME_GOAL ? 'met' : 'missed',
    },
    { part: 'slo', measure: 'samples read per minute, lookout vs Sloth-shaped', figure: cell(e.lookout.samplesPerMinute, e.sloth.samplesPerMinute, mega), goal: '', verdict: '' },
    { part: 'slo', measure: 'Prometheus CPU per minute, lookout vs Sloth-shaped', figure: cell(e.lookout.cpuSecondsPerMinute, e.sloth.cpuSecondsPerMinute, perMin), goal: '', verdict: '' },
    {
      part: 'slo',
      measure: `${e.period} ratio, mean error against the exact ratio`,
      figure: `lookout ${pct(e.lookout.periodRatioError.meanAbsRelError)} · Sloth-shaped ${pct(e.sloth.periodRatioError.meanAbsRelError)}`,
      goal: '',
      verdict: '',
    },
  );
  if (e.warnings.length) rows.push({ part: 'slo', measure: 'warnings', figure: `${e.warnings.length} (see slo.evaluation.warnings in the suite file)`, goal: '', verdict: '' });
  return rows;
}

function alertRows(a: Omit<AlertGenerateResult, 'project'>): SummaryRow[] {
  return [
    {
      part: 'alerts',
      measure: `lookout generate, ${int(a.alerts)} alerts`,
      figure: `${sec(a.totalMs / 1000)} (${msOf(a.perAlertMs)} per alert; ${int(a.groups)} groups, ${int(a.testFiles)} promtool test files)`,
      goal: '',
      verdict: '',
    },
  ];
}

function promtoolRows(p: PromtoolSuiteResult): SummaryRow[] {
  const s = p.shape;
  const rows: SummaryRow[] = [
    {
      part: 'promtool',
      measure: `${p.name} suite in one call (\`${p.command}\`), best of ${p.runSeconds.length}`,
      figure: `${sec(p.bestSeconds)} for ${int(s.testFiles)} files, ${int(s.testCases)} tests, ${int(s.alertRules)} alerts: ${msOf(p.perTestFileMs)} per file, ${msOf(p.perTestCaseMs)} per test, ${msOf(p.perAlertMs)} per alert`,
      goal: '',
      verdict: '',
    },
  ];
  if (p.separate) {
    rows.push({
      part: 'promtool',
      measure: `${p.name} suite, one call over a call per file`,
      figure: `${sec(p.bestSeconds)} vs ${sec(p.separate.totalSeconds)}: ${p.separate.oneCallOverSeparate.toFixed(2)}x`,
      goal: '',
      verdict: '',
    });
  }
  return rows;
}

/** The summary's rows, from whatever parts ran: a failed part is one row saying so. */
export function summaryRows(r: Pick<SuiteResult, 'gateway' | 'slo' | 'alerts' | 'promtool'>): SummaryRow[] {
  const rows: SummaryRow[] = [];
  const failedRow = (part: SuitePart, f: PartFailure): SummaryRow => ({ part, measure: 'FAILED', figure: f.failed.split('\n')[0]!, goal: '', verdict: '' });
  if (r.gateway) rows.push(...(failedOf(r.gateway) ? [failedRow('gateway', r.gateway)] : gatewayRows(r.gateway)));
  if (r.slo) rows.push(...(failedOf(r.slo) ? [failedRow('slo', r.slo)] : sloRows(r.slo)));
  if (r.alerts) rows.push(...(failedOf(r.alerts) ? [failedRow('alerts', r.alerts)] : alertRows(r.alerts)));
  if (r.promtool) {
    if (failedOf(r.promtool)) rows.push(failedRow('promtool', r.promtool));
    else rows.push(...promtoolRows(r.promtool.reference), ...(r.promtool.alerts ? promtoolRows(r.promtool.alerts) : []));
  }
  return rows;
}

/** The summary as a Markdown table (part, measure, figure, goal, verdict): readable in a terminal, and pasted as is into the README. */
export function renderSummary(rows: readonly SummaryRow[]): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  return [
    '| part | measure | figure | goal | verdict |',
    '| --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| ${[r.part, r.measure, r.figure, r.goal || '-', r.verdict || '-'].map(cell).join(' | ')} |`),
  ].join('\n');
}
