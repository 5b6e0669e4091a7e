import type { AlertRule, RecordingRule, RuleGroup } from '../alerts/define.js';
import { durationMs } from '../duration.js';
import type { Project } from '../project.js';
import type { LabelMatcher, VectorSelector } from '../promql/ast.js';
import { printPromQL } from '../promql/print.js';
import {
  BASE_WINDOW,
  BUDGET_REMAINING,
  ERROR_BUDGET,
  ERROR_RATIO,
  ERRORS_RATE,
  LONG_GROUP_INTERVAL,
  LONG_TEST_EVALUATION_INTERVAL,
  LONG_TEST_SAMPLE_INTERVAL,
  LONG_WINDOW_LABEL,
  OBJECTIVE,
  PERIOD_BASE_WINDOW,
  PERIOD_SECONDS,
  SERVICE_LABEL,
  SHORT_WINDOW_LABEL,
  SLO_LABEL,
  TIER_LABEL,
  TOTAL_RATE,
  windowName,
} from './conventions.js';
import type { SLO } from './define.js';
import { acrossWindows, compatOf, slothAlertLabels, slothLabels, slothMetadata, SLOTH_WINDOW_LABEL, SLOTH_WINDOWS, type SLOCompat } from './slothCompat.js';
import { totalSelector, type SLI } from './sli.js';
import { burnFactor, resolveTiers, type Tier } from './tiers.js';

/** Windows up to this length are recorded in the SLO's short group, from the base rates. */
const SHORT_GROUP_MAX_MS = 6 * 3600_000;
/** Windows longer than this are built from the hourly rates, not the 5-minute ones. */
const FROM_HOURLY_MIN_MS = 3 * 24 * 3600_000;

/** What the compiler keeps about a tier alert, for its tests and for inhibition rules. */
export interface TierAlert {
  slo: SLO;
  tier: Tier;
  factor: number;
  /** factor × error budget: the error ratio both windows must exceed. */
  threshold: number;
  rule: AlertRule;
  /** Clock of the tier's generated tests, when it differs from its group's (see conventions). */
  testIntervals?: { evaluation: string; samples: string };
}

export interface CompiledSLO {
  groups: RuleGroup[];
  tiers: TierAlert[];
  /** The error budget as a ratio: 1 − objective. */
  budget: number;
}

/** A number printed the way a person would write it: 0.005, not 0.0050000000000000044. */
export function tidy(n: number): number {
  return Number(n.toPrecision(12));
}

export function errorBudget(slo: Pick<SLO, 'objective'>): number {
  return tidy((100 - slo.objective) / 100);
}

function by(groupBy: readonly string[]): string {
  return groupBy.length ? ` by (${groupBy.join(', ')}) ` : '';
}

function rateOf(sel: VectorSelector, window: string): string {
  return `rate(${printPromQL({ type: 'matrix', vector: sel, rangeMs: durationMs(window) })})`;
}

/** `sum by (g) (rate(x[5m]))`, or 0 for every group with traffic when `x` has no series yet. */
function summed(sel: VectorSelector, window: string, groupBy: readonly string[], zeroFrom?: VectorSelector): string {
  const sum = `sum${by(groupBy)}(${rateOf(sel, window)})`;
  if (!zeroFrom) return sum;
  // Without the fallback, an SLO with no error series yet would record nothing at all.
  return `(${sum} or sum${by(groupBy)}(${rateOf(zeroFrom, window)}) * 0)`;
}

function windowed(template: string, window: string): string {
  return template.replace(/\{\{\s*\.?window\s*\}\}/g, window);
}

/** PromQL for the per-second rate of bad events and of all events over the base window. */
export function baseRates(sli: SLI, groupBy: readonly string[]): { errors: string; total: string } | undefined {
  const w = BASE_WINDOW;
  switch (sli.kind) {
    case 'ratio': {
      const total = summed(sli.total, w, groupBy);
      if (sli.errors) return { errors: summed(sli.errors, w, groupBy, sli.total), total };
      return { errors: `${total} - ${summed(sli.good!, w, groupBy, sli.total)}`, total };
    }
    case 'latency': {
      const count = totalSelector(sli)!;
      const fast: VectorSelector = { type: 'vector', name: `${sli.histogram}_bucket`, matchers: [...sli.matchers, { name: 'le', op: '=', value: String(sli.threshold) }] };
      const total = summed(count, w, groupBy);
      return { errors: `${total} - ${summed(fast, w, groupBy, count)}`, total };
    }
    case 'availability': {
      const avg = `avg_over_time(${printPromQL({ type: 'matrix', vector: sli.gauge, rangeMs: durationMs(w) })})`;
      return { errors: `sum${by(groupBy)}(1 - ${avg})`, total: `count${by(groupBy)}(${avg})` };
    }
    case 'raw':
      if (sli.errors && sli.total) return { errors: windowed(sli.errors, w), total: windowed(sli.total, w) };
      return undefined;
  }
}

/** The PromQL an SLI reads, over the base window: what every recording rule of its SLO is built on. */
export function sliQueries(sli: SLI): string[] {
  const rates = baseRates(sli, []);
  if (rates) return [rates.errors, rates.total];
  return sli.kind === 'raw' && sli.errorRatio ? [windowed(sli.errorRatio, BASE_WINDOW)] : [];
}

/**
 * Every window the SLO records: the base, each tier's two, and the period, shortest first;
 * for Sloth's output also each window Sloth records, which its dashboards may read.
 */
function windows(slo: SLO, tiers: readonly Tier[], compat: SLOCompat): string[] {
  const extra = compat === 'sloth' ? SLOTH_WINDOWS : [];
  const all = [BASE_WINDOW, slo.period, ...extra, ...tiers.flatMap((t) => [t.longWindow, t.shortWindow])].map(durationMs);
  return [...new Set(all)].sort((a, b) => a - b).map(windowName);
}

/** A window as written in rule names, so '7d' and '1w' name the same series. */
function win(text: string): string {
  return windowName(durationMs(text));
}

/**
 * Compiles an SLO into Prometheus rules. Bad and total events are recorded once as 5-minute
 * rates; every other window divides the sums of those two series over the window, so each
 * window is weighted by traffic (Sloth averages 5-minute ratios instead, which overweights
 * quiet minutes) and reads recorded series rather than raw counters. The period window reads
 * hourly rates recorded every few minutes, so a 30-day window costs thousands of samples per
 * evaluation, not 86,400.
 */
export function compileSLO(slo: SLO, project: Project): CompiledSLO {
  const tiers = slo.alerting === false ? [] : resolveTiers(slo.alerting.tiers);
  const budget = errorBudget(slo);
  const compat = compatOf(slo, project);
  const own: LabelMatcher[] = [
    { name: SLO_LABEL, op: '=', value: slo.name },
    { name: SERVICE_LABEL, op: '=', value: slo.service },
  ];
  const sel = (name: string) => printPromQL({ type: 'vector', name, matchers: own });
  const labels = { ...slo.labels, ...(compat === 'sloth' ? slothLabels(slo) : {}), [SLO_LABEL]: slo.name, [SERVICE_LABEL]: slo.service };
  const record = (name: string, expr: string, extra?: Record<string, string>): RecordingRule =>
    ({ kind: 'record', name, expr, labels: extra ? { ...labels, ...extra } : labels, source: slo.source });
  // Sloth tells an SLO's error ratios apart by label as well as by name.
  const recordRatio = (w: string, expr: string) => record(ERROR_RATIO(w), expr, compat === 'sloth' ? { [SLOTH_WINDOW_LABEL]: w } : undefined);

  const short: RecordingRule[] = [];
  const long: RecordingRule[] = [];
  const rates = baseRates(slo.sli, slo.groupBy);
  if (rates) {
    short.push(record(ERRORS_RATE(BASE_WINDOW), rates.errors), record(TOTAL_RATE(BASE_WINDOW), rates.total));
  }
  const periodMs = durationMs(slo.period);
  const period = win(slo.period);
  const hourly = periodMs > FROM_HOURLY_MIN_MS && rates !== undefined;
  for (const w of windows(slo, tiers, compat)) {
    const ms = durationMs(w);
    const target = ms <= SHORT_GROUP_MAX_MS ? short : long;
    let expr: string;
    if (!rates) {
      // A raw error ratio can only be averaged: exact for the base window, biased beyond it.
      const rawRatio = (slo.sli as { errorRatio?: string }).errorRatio ?? '';
      expr = w === BASE_WINDOW ? windowed(rawRatio, w) : `avg_over_time(${sel(ERROR_RATIO(BASE_WINDOW))}[${w}])`;
    } else if (w === BASE_WINDOW) expr = `${sel(ERRORS_RATE(BASE_WINDOW))} / ${sel(TOTAL_RATE(BASE_WINDOW))}`;
    else {
      const from = hourly && w === period ? PERIOD_BASE_WINDOW : BASE_WINDOW;
      expr = `sum_over_time(${sel(ERRORS_RATE(from))}[${w}]) / sum_over_time(${sel(TOTAL_RATE(from))}[${w}])`;
    }
    target.push(recordRatio(w, expr));
  }
  if (hourly) {
    long.unshift(
      record(ERRORS_RATE(PERIOD_BASE_WINDOW), `avg_over_time(${sel(ERRORS_RATE(BASE_WINDOW))}[${PERIOD_BASE_WINDOW}])`),
      record(TOTAL_RATE(PERIOD_BASE_WINDOW), `avg_over_time(${sel(TOTAL_RATE(BASE_WINDOW))}[${PERIOD_BASE_WINDOW}])`),
    );
  }
  long.push(
    record(OBJECTIVE, `vector(${tidy(slo.objective / 100)})`),
    record(ERROR_BUDGET, `vector(${budget})`),
    record(PERIOD_SECONDS, `vector(${periodMs / 1000})`),
    record(BUDGET_REMAINING, `1 - ${sel(ERROR_RATIO(period))} / ${budget}`),
  );
  if (compat === 'sloth') {
    const meta = slothMetadata(slo, budget, (w) => sel(ERROR_RATIO(w === 'base' ? BASE_WINDOW : period)), record);
    short.push(...meta.short);
    long.push(...meta.long);
  }

  const tierAlerts = slo.alerting === false ? [] : tiers.map((tier) => tierAlert(slo, tier, budget, sel, compat));
  const groupName = `slo-${slo.service}-${slo.name}`;
  const shortAlerts = tierAlerts.filter((t) => durationMs(t.tier.longWindow) <= SHORT_GROUP_MAX_MS).map((t) => t.rule);
  const longAlerts = tierAlerts.filter((t) => durationMs(t.tier.longWindow) > SHORT_GROUP_MAX_MS).map((t) => t.rule);
  const groups: RuleGroup[] = [
    { kind: 'rule-group', name: groupName, interval: project.evaluationInterval, rules: [...short, ...shortAlerts], source: slo.source },
    { kind: 'rule-group', name: `${groupName}-long`, interval: LONG_GROUP_INTERVAL, rules: [...long, ...longAlerts], source: slo.source },
  ];
  for (const t of tierAlerts) {
    if (longAlerts.includes(t.rule)) t.testIntervals = { evaluation: LONG_TEST_EVALUATION_INTERVAL, samples: LONG_TEST_SAMPLE_INTERVAL };
  }
  return { groups, tiers: tierAlerts, budget };
}

function tierAlert(slo: SLO, tier: Tier, budget: number, sel: (name: string) => string, compat: SLOCompat): TierAlert {
  const alerting = slo.alerting as Exclude<SLO['alerting'], false>;
  const factor = burnFactor(tier, slo.period);
  const threshold = tidy(factor * budget);
  const condition = (w: string) => `${sel(ERROR_RATIO(win(w)))} > (${factor} * ${budget})`;
  const rule: AlertRule = {
    kind: 'alert',
    name: alerting.name,
    expr: `${condition(tier.longWindow)} ${acrossWindows('and', compat)} ${condition(tier.shortWindow)}`,
    for: tier.for,
    severity: tier.severity,
    summary: `The ${slo.name} SLO of ${slo.service} is spending its error budget too fast.`,
    description:
      `{{ $value | humanizePercentage }} of events failed the ${slo.name} SLI over the last ${tier.longWindow}, ` +
      `more than ${factor} times the rate that spends the whole ${slo.period} error budget (${tidy(budget * 100)}%). ` +
      `At this rate ${tier.budgetPercent}% of the budget is gone every ${tier.longWindow}.`,
    runbook: alerting.runbook,
    dashboard: alerting.dashboard,
    labels: {
      ...slo.labels,
      ...(alerting.labels ?? {}),
      ...(tier.labels ?? {}),
      [SLO_LABEL]: slo.name,
      [SERVICE_LABEL]: slo.service,
      [TIER_LABEL]: tier.longWindow,
      [LONG_WINDOW_LABEL]: tier.longWindow,
      [SHORT_WINDOW_LABEL]: tier.shortWindow,
      ...slothAlertLabels(tier.severity, compat),
    },
    annotations: { ...(alerting.annotations ?? {}) },
    tests: [],
    source: slo.source,
  };
  return { slo, tier, factor, threshold, rule };
}
