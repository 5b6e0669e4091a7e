import { stringify } from 'yaml';
import { durationMetric, requestsMetric, type BenchSLO } from './sloSpecs.js';

/**
 * The rule set Sloth (github.com/slok/sloth, prometheus/v1 spec, default 30d windows) emits
 * for the same SLOs, written here from its documented output shape rather than by running
 * Sloth: per SLO a recording group with one error ratio per window, each computed from the
 * raw counters over that window; the period ratio as the average of the 5m ratios; a
 * metadata group; and a group with the page and ticket multiwindow alerts. Groups carry no
 * interval, so Prometheus's global evaluation_interval applies, as with Sloth's output.
 */

export const SLOTH_WINDOWS = ['5m', '30m', '1h', '2h', '6h', '1d', '3d'] as const;
export const SLOTH_PERIOD = '30d';
const PERIOD_DAYS = 30;

/** Page: 2% of the budget in 1h or 5% in 6h; ticket: 10% in 1d or 10% in 3d (30d factors). */
const PAGE = [
  { long: '1h', short: '5m', factor: 14.4 },
  { long: '6h', short: '30m', factor: 6 },
] as const;
const TICKET = [
  { long: '1d', short: '2h', factor: 3 },
  { long: '3d', short: '6h', factor: 1 },
] as const;

export interface SlothRule {
  record?: string;
  alert?: string;
  expr: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export interface SlothGroup {
  name: string;
  rules: SlothRule[];
}

function queries(slo: BenchSLO): { error: string; total: string } {
  const by = slo.groupBy.length ? ` by (${slo.groupBy.join(', ')}) ` : '';
  const route = `route="${slo.route}"`;
  const sum = (metric: string, matchers: string) => `sum${by}(rate(${metric}{${matchers}}[{{.window}}]))`;
  const requests = requestsMetric(slo.service);
  const duration = durationMetric(slo.service);
  switch (slo.kind) {
    case 'errors':
      return { error: sum(requests, `${route},code=~"5.."`), total: sum(requests, route) };
    case 'good':
      // Sloth has no good-events query: its users select the complement as errors.
      return { error: sum(requests, `${route},code!~"2.."`), total: sum(requests, route) };
    case 'latency':
      return {
        error: `(${sum(`${duration}_count`, route)} - ${sum(`${duration}_bucket`, `${route},le="${slo.threshold}"`)})`,
        total: sum(`${duration}_count`, route),
      };
  }
}

export function slothId(slo: BenchSLO): string {
  return `${slo.service}-${slo.name}`;
}

/** The labels Sloth puts on an SLO's recorded series. */
export function slothLabels(slo: BenchSLO): Record<string, string> {
  return { sloth_id: slothId(slo), sloth_service: slo.service, sloth_slo: slo.name };
}

/** Sloth's error budget: computed in floating point as it does, 0.0009999999999999432 for 99.9. */
function budget(slo: BenchSLO): number {
  return (100 - slo.objective) / 100;
}

export function slothGroups(slo: BenchSLO): SlothGroup[] {
  const id = slothId(slo);
  const own = slothLabels(slo);
  const sel = `{sloth_id="${id}", sloth_service="${slo.service}", sloth_slo="${slo.name}"}`;
  const { error, total } = queries(slo);
  const windowed = (q: string, w: string) => q.replaceAll('{{.window}}', w);
  const sli: SlothRule[] = SLOTH_WINDOWS.map((w) => ({
    record: `slo:sli_error:ratio_rate${w}`,
    expr: `(${windowed(error, w)})\n/\n(${windowed(total, w)})\n`,
    labels: { ...own, sloth_window: w },
  }));
  sli.push({
    record: `slo:sli_error:ratio_rate${SLOTH_PERIOD}`,
    expr:
      `sum_over_time(slo:sli_error:ratio_rate5m${sel}[${SLOTH_PERIOD}])\n` +
      `/ ignoring (sloth_window)\n` +
      `count_over_time(slo:sli_error:ratio_rate5m${sel}[${SLOTH_PERIOD}])\n`,
    labels: { sloth_window: SLOTH_PERIOD },
  });
  const onBudget = `/ on(sloth_id, sloth_slo, sloth_service) group_left\nslo:error_budget:ratio${sel}\n`;
  const meta: SlothRule[] = [
    { record: 'slo:objective:ratio', expr: `vector(${slo.objective / 100})`, labels: own },
    { record: 'slo:error_budget:ratio', expr: `vector(1-${slo.objective / 100})`, labels: own },
    { record: 'slo:time_period:days', expr: `vector(${PERIOD_DAYS})`, labels: own },
    { record: 'slo:current_burn_rate:ratio', expr: `slo:sli_error:ratio_rate5m${sel}\n${onBudget}`, labels: own },
    { record: 'slo:period_burn_rate:ratio', expr: `slo:sli_error:ratio_rate${SLOTH_PERIOD}${sel}\n${onBudget}`, labels: own },
    { record: 'slo:period_error_budget_remaining:ratio', expr: `1 - slo:period_burn_rate:ratio${sel}`, labels: own },
    {
      record: 'sloth_slo_info',
      expr: 'vector(1)',
      labels: { ...own, sloth_mode: 'cli-gen-prom', sloth_objective: String(slo.objective), sloth_spec: 'prometheus/v1', sloth_version: 'bench' },
    },
  ];
  const b = budget(slo);
  const pair = (p: { long: string; short: string; factor: number }) =>
    `(\n    (slo:sli_error:ratio_rate${p.short}${sel} > (${p.factor} * ${b}))\n    and ignoring (sloth_window)\n` +
    `    (slo:sli_error:ratio_rate${p.long}${sel} > (${p.factor} * ${b}))\n)`;
  const alert = (severity: string, tiers: readonly { long: string; short: string; factor: number }[]): SlothRule => ({
    alert: slo.alertName,
    expr: `${tiers.map(pair).join('\nor ignoring (sloth_window)\n')}\n`,
    labels: { team: slo.service, sloth_severity: severity },
    annotations: {
      summary: '{{$labels.sloth_service}} {{$labels.sloth_slo}} SLO error budget burn rate is over expected.',
      title: `(${severity}) {{$labels.sloth_service}} {{$labels.sloth_slo}} SLO error budget burn rate is too fast.`,
    },
  });
  return [
    { name: `sloth-slo-sli-recordings-${id}`, rules: sli },
    { name: `sloth-slo-meta-recordings-${id}`, rules: meta },
    { name: `sloth-slo-alerts-${id}`, rules: [alert('page', PAGE), alert('ticket', TICKET)] },
  ];
}

/** One rule file per service, as Sloth writes one per spec file. */
export function slothRuleFile(slos: readonly BenchSLO[]): string {
  const header = '# Sloth-shaped rules written by scripts/bench/slothRules.ts for the SLO benchmark.\n';
  return header + stringify({ groups: slos.flatMap(slothGroups) }, { lineWidth: 0, aliasDuplicateObjects: false });
}
