import type { RatioError } from './checks.js';
import type { GenerateWorkerResult } from './generateWorker.js';

/** What one run of the SLO benchmark found: written to bench/results/slo.json and printed. */
export interface BenchResult {
  date: string;
  command: string;
  machine: {
    cpus: number;
    cpuModel?: string | undefined;
    memoryGiB: number;
    os: string;
    node: string;
    prometheus: string;
    /** 1-minute load average when the run started and when the measuring ended: other work on the machine shows here. */
    loadAverage: { start: number; afterMeasuring?: number };
  };
  options: Record<string, unknown>;
  generate?: GenerateWorkerResult & { slos: number; services: number; perSLOms: number };
  phases: { slos: number; totalMs: number; stages: Array<{ phase: string; ms: number }> };
  evaluation: {
    slos: number;
    sloSeries: number;
    interval: string;
    scrape: string;
    period: string;
    history: { end: string; rawDays: number; series: number; rawSamples: number; recordedSamples: number; openMetricsMiB: number; blocksMiB: number };
    /** Seconds between the end of the backfilled history and the servers' start. */
    gapSeconds: number;
    measuredSeconds: number;
    lookout: SideResult;
    sloth: SideResult;
    ratio: { evalTime: number; evalTimeCounters: number; samples: number; cpu: number };
    warnings: string[];
  };
  wallSeconds: number;
}

export interface SideResult {
  groups: number;
  rules: { recording: number; alerting: number };
  /** Σ over groups of the median evaluation × evaluations per minute. */
  evalSecondsPerMinute: number;
  /** prometheus_rule_group_duration_seconds_sum over the measured span, per minute. */
  counterEvalSecondsPerMinute: number;
  cpuSecondsPerMinute: number;
  samplesPerMinute: number;
  groupEvaluations: number;
  medianGroupEvaluationSeconds: number;
  byRule: Array<{ rule: string; evalSecondsPerMinute: number; share: number; samplesPerMinute: number }>;
  periodRatioError: RatioError;
}

const sec = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const ms = (s: number) => `${(s * 1000).toFixed(1)} ms`;
const int = (n: number) => Math.round(n).toLocaleString('en-US');
const times = (x: number) => `${x.toFixed(2)}x`;
const pct = (x: number) => `${(100 * x).toFixed(x < 0.1 ? 1 : 0)}%`;
const pct2 = (x: number) => `${(100 * x).toFixed(2)}%`;

export function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')).join('\n');
}

/** The goal the SLO benchmark checks: lookout's rules take at most this share of the Sloth-shaped rule set's evaluation time. */
export const EVAL_TIME_GOAL = 0.5;

export function renderReport(r: BenchResult): string {
  const out: string[] = [];
  const g = r.generate;
  if (g) {
    out.push(`lookout generate, ${g.slos} SLOs in ${g.services} services (generate({ root }): type-check to written files, promtool test synthesis included)`);
    out.push(
      table([
        ['', 'value'],
        ['total', sec(g.totalMs)],
        ['per SLO', `${g.perSLOms.toFixed(1)} ms`],
        ['rule files', int(g.ruleFiles)],
        ['rules (recording + alerting)', `${int(g.recording + g.alerting)} (${int(g.recording)} + ${int(g.alerting)})`],
        ['rules per SLO', ((g.recording + g.alerting) / g.slos).toFixed(1)],
        ['promtool test files', int(g.testFiles)],
        ['warnings', int(g.warnings)],
      ]),
      '',
    );
  }
  const p = r.phases;
  out.push(`generate stage by stage, ${p.slos} SLOs (generate()'s functions in its order)`);
  out.push(table([['stage', 'time', 'share'], ...p.stages.map((s) => [s.phase, sec(s.ms), pct(s.ms / p.totalMs)]), ['total', sec(p.totalMs), '']]), '');

  const e = r.evaluation;
  const L = e.lookout;
  const S = e.sloth;
  out.push(
    `rule evaluation, ${e.slos} SLOs (${e.sloSeries} SLO series), ${r.machine.prometheus.replace(/^prometheus, version (\S+).*/, 'Prometheus $1')}, ` +
      `evaluation_interval ${e.interval}, scrape ${e.scrape}, ${e.period} of history, both servers side by side for ${e.measuredSeconds} s`,
  );
  out.push(
    table([
      ['', 'lookout', 'sloth-shaped', 'lookout/sloth'],
      ['rule groups', int(L.groups), int(S.groups), ''],
      ['rules (recording + alerting)', `${L.rules.recording} + ${L.rules.alerting}`, `${S.rules.recording} + ${S.rules.alerting}`, ''],
      ['eval time per minute (median per group)', ms(L.evalSecondsPerMinute), ms(S.evalSecondsPerMinute), times(e.ratio.evalTime)],
      ['eval time per minute (duration counter)', ms(L.counterEvalSecondsPerMinute), ms(S.counterEvalSecondsPerMinute), times(e.ratio.evalTimeCounters)],
      ['samples read per minute', int(L.samplesPerMinute), int(S.samplesPerMinute), times(e.ratio.samples)],
      ['process CPU per minute (incl. scrape)', ms(L.cpuSecondsPerMinute), ms(S.cpuSecondsPerMinute), times(e.ratio.cpu)],
      ['group evaluations measured', int(L.groupEvaluations), int(S.groupEvaluations), ''],
      ['median group evaluation', ms(L.medianGroupEvaluationSeconds), ms(S.medianGroupEvaluationSeconds), ''],
      [`${e.period} error ratio vs exact, mean |error|`, pct2(L.periodRatioError.meanAbsRelError), pct2(S.periodRatioError.meanAbsRelError), ''],
    ]),
    '',
  );
  out.push('where the time goes (per rule, summed over SLOs, per minute)');
  for (const [title, side] of [['lookout rule', L], ['sloth-shaped rule', S]] as const) {
    out.push(table([[title, 'time', 'share', 'samples'], ...side.byRule.map((x) => [x.rule, ms(x.evalSecondsPerMinute), pct(x.share), int(x.samplesPerMinute)])]), '');
  }
  out.push(
    `lookout/sloth rule evaluation time: ${e.ratio.evalTime.toFixed(2)} (goal: at most ${EVAL_TIME_GOAL.toFixed(2)}, ${e.ratio.evalTime <= EVAL_TIME_GOAL ? 'met' : 'NOT met'}); ` +
      `samples read: ${e.ratio.samples.toFixed(2)}`,
  );
  if (e.warnings.length) out.push('', 'WARNINGS', ...e.warnings.map((w) => `  - ${w}`));
  return out.join('\n');
}
