import { durationMs } from '../duration.js';
import { printPromQL } from '../promql/print.js';
import { baseRates, errorBudget, sliQueries, tidy, type TierAlert } from '../slo/compile.js';
import {
  BASE_WINDOW,
  BUDGET_REMAINING,
  ERROR_RATIO,
  OBJECTIVE,
  SERVICE_LABEL,
  SLO_LABEL,
  TIER_LABEL,
  windowName,
} from '../slo/conventions.js';
import { sloId, type SLO } from '../slo/define.js';
import type { SourceLocation } from '../diagnostics/diagnostic.js';
import type { Severity } from '../alerts/define.js';
import { COLORS, SLO_TAG } from './conventions.js';
import { buildDashboard, row, type DashboardDefinition, type RowSpec } from './define.js';
import type { PanelSpec } from './panels/base.js';
import { stat } from './panels/stat.js';
import { stateTimeline, type StateStyle } from './panels/stateTimeline.js';
import { table } from './panels/table.js';
import { markdown } from './panels/text.js';
import { timeseries } from './panels/timeseries.js';
import { query } from './query.js';
import { atLeast, atMost, type ThresholdStep } from './thresholds.js';

/** `slo-ai-gateway-requests-success`: the slug of an SLO's own dashboard. */
export function sloDashboardSlug(slo: Pick<SLO, 'service' | 'name'>): string {
  return `slo-${slo.service}-${slo.name}`.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

/** `ai-gateway-slo`: the slug of the dashboard listing a service's SLOs. */
export function sloOverviewSlug(service: string): string {
  return `${service}-slo`.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

const win = (text: string) => windowName(durationMs(text));
const percent = (ratio: number) => `${tidy(ratio * 100)}%`;

/** Colours of an alert's states in ALERTS-derived timelines: pending 1, firing 2. */
const ALERT_STATES: StateStyle[] = [
  { value: 1, text: 'pending', color: COLORS.warning },
  { value: 2, text: 'firing', color: COLORS.bad },
];

/** `ALERTS` of one alert, pending as 1 and firing as 2, one series per value of `by`. */
function alertStates(matchers: string, by: string): string {
  const sel = (state: string) => `max by (${by}) (ALERTS{${matchers},alertstate="${state}"})`;
  return `${sel('firing')} * 2 or ${sel('pending')}`;
}

/** Remaining budget: red once spent, orange in the last quarter, green otherwise. */
const BUDGET_STEPS: ThresholdStep[] = [
  { value: null, color: COLORS.bad },
  { value: 0, color: COLORS.warning },
  { value: 0.25, color: COLORS.ok },
];

const SEVERITY_COLOR = { page: COLORS.bad, ticket: COLORS.warning, info: COLORS.info } as const;

/**
 * A burn rate's colours: green below the lowest tier's factor, then from each tier's factor up
 * its severity's colour. A rate past a slower tier's factor (7.78× over 1h against a 6× page
 * tier) is a page in the making even while the fastest tier (14.4×) stays quiet. Where two
 * tiers share a factor, the more severe colour wins.
 */
function tierSteps(tiers: readonly TierAlert[]): ThresholdStep[] {
  const rank: Record<Severity, number> = { info: 0, ticket: 1, page: 2 };
  const byFactor = new Map<number, Severity>();
  for (const t of tiers) {
    const had = byFactor.get(t.factor);
    if (had === undefined || rank[t.tier.severity] > rank[had]) byFactor.set(t.factor, t.tier.severity);
  }
  const steps = [...byFactor].sort(([a], [b]) => a - b).map(([value, severity]) => ({ value, color: SEVERITY_COLOR[severity] }));
  return [{ value: null, color: COLORS.ok }, ...steps];
}

/**
 * The dashboard of one SLO, drawn from the same objects its rules are compiled from: the
 * recorded series the compiler names (conventions.ts), the objective, and each tier's burn
 * factor as compiled into its alert. The line a burn-rate chart draws is the number in the
 * alert's expression, so chart and rule cannot disagree.
 *
 * Panels: the SLI over the period against the objective, the error budget left, the SLI and
 * the budget over time, one burn-rate chart per tier (both windows against the tier's
 * factor), and the SLO's alerts by tier from ALERTS.
 */
export function sloDashboard(slo: SLO, tiers: readonly TierAlert[], source: SourceLocation | undefined = slo.source): DashboardDefinition {
  const own = [
    { name: SLO_LABEL, op: '=' as const, value: slo.name },
    { name: SERVICE_LABEL, op: '=' as const, value: slo.service },
  ];
  const sel = (name: string) => printPromQL({ type: 'vector', name, matchers: own });
  const budget = errorBudget(slo);
  const objective = tidy(slo.objective / 100);
  const period = win(slo.period);
  const groups = slo.groupBy.length > 0 ? slo.groupBy.map((g) => `{{${g}}}`).join(' ') : '';
  const legend = (what: string) => (groups ? `${groups} ${what}` : what);
  const mine = [...tiers].filter((t) => t.slo === slo).sort((a, b) => durationMs(a.tier.longWindow) - durationMs(b.tier.longWindow));
  const fastest = mine[0] ? win(mine[0].tier.longWindow) : period;

  const summary: PanelSpec[] = [
    stat({
      title: `SLI over the last ${period}`,
      description: `Share of good events over the SLO period; the objective is ${slo.objective}%.`,
      unit: 'percentunit',
      decimals: 3,
      thresholds: atLeast(objective),
      queries: [query(`1 - ${sel(ERROR_RATIO(period))}`, legend('SLI'), { instant: true })],
    }),
    stat({
      title: 'Error budget remaining',
      description: `Share of the ${period} error budget (${percent(budget)} of events) not yet spent. Below zero the SLO is missed.`,
      unit: 'percentunit',
      decimals: 1,
      thresholds: BUDGET_STEPS,
      queries: [query(sel(BUDGET_REMAINING), legend('remaining'), { instant: true })],
    }),
    stat({
      title: 'Objective',
      description: 'The objective as recorded by the SLO\'s rules (slo:objective:ratio).',
      unit: 'percentunit',
      decimals: 3,
      sparkline: false,
      queries: [query(sel(OBJECTIVE), 'objective', { instant: true })],
    }),
    stat({
      title: `Burn rate over ${fastest}`,
      description: 'How many times faster than "exactly on budget" errors are spending the budget; 1× spends it all in one period. Coloured by the tiers: from each tier\'s burn factor up, in its severity\'s colour.',
      unit: 'suffix:×',
      decimals: 2,
      thresholds: mine.length > 0 ? tierSteps(mine) : atMost(1, COLORS.warning),
      queries: [query(`${sel(ERROR_RATIO(fastest))} / ${budget}`, legend('burn rate'), { instant: true })],
    }),
  ];

  const trend: PanelSpec[] = [
    timeseries({
      title: 'SLI against the objective',
      description: `Good events over ${BASE_WINDOW} and over ${fastest}; the dashed line is the ${slo.objective}% objective.`,
      unit: 'percentunit',
      decimals: 3,
      thresholds: atLeast(objective),
      queries: [
        query(`1 - ${sel(ERROR_RATIO(BASE_WINDOW))}`, legend(`SLI (${BASE_WINDOW})`)),
        ...(fastest === BASE_WINDOW ? [] : [query(`1 - ${sel(ERROR_RATIO(fastest))}`, legend(`SLI (${fastest})`))]),
      ],
    }),
    timeseries({
      title: `Error budget remaining over the ${period} period`,
      description: 'What is left of the error budget of the rolling period; it recovers as old errors leave the window.',
      unit: 'percentunit',
      decimals: 1,
      thresholds: BUDGET_STEPS,
      queries: [query(sel(BUDGET_REMAINING), legend('remaining'))],
    }),
  ];

  const burn: PanelSpec[] = mine.map((t) => {
    const long = win(t.tier.longWindow);
    const short = win(t.tier.shortWindow);
    return timeseries({
      title: `Burn rate over ${long} and ${short} against ${t.factor}× (${t.tier.severity})`,
      description:
        `${t.rule.name} (tier ${t.tier.longWindow}) fires when both windows burn faster than ${t.factor}×, ` +
        `${t.tier.budgetPercent}% of the ${period} budget in ${t.tier.longWindow}, for ${t.tier.for}. The dashed line is that factor.`,
      unit: 'suffix:×',
      decimals: 2,
      thresholds: atMost(t.factor, SEVERITY_COLOR[t.tier.severity]),
      queries: [query(`${sel(ERROR_RATIO(long))} / ${budget}`, legend(long)), query(`${sel(ERROR_RATIO(short))} / ${budget}`, legend(short))],
    });
  });

  const rows: RowSpec[] = [row('Objective', summary), row('SLI and error budget', trend)];
  if (burn.length > 0) rows.push(row('Burn rate by alert tier', burn));
  if (slo.alerting !== false && mine.length > 0) {
    const matchers = `alertname="${slo.alerting.name}",${SLO_LABEL}="${slo.name}",${SERVICE_LABEL}="${slo.service}"`;
    rows.push(
      row('Alerts', [
        stateTimeline({
          title: `${slo.alerting.name} by tier`,
          description: 'Pending and firing burn-rate alerts of this SLO, one band per tier, from Prometheus\'s ALERTS series.',
          width: 24,
          height: 6,
          states: ALERT_STATES,
          queries: [query(alertStates(matchers, TIER_LABEL), `{{${TIER_LABEL}}}`)],
        }),
      ]),
    );
  }
  rows.push(row('Definition', [markdown({ title: 'How this SLO is measured', width: 24, height: 8, content: definitionText(slo, mine, budget) })]));

  return buildDashboard(
    {
      slug: sloDashboardSlug(slo),
      title: `SLO: ${slo.service} ${slo.name}`,
      description: slo.description,
      tags: [SLO_TAG, slo.service],
      rows,
      links: [{ title: `${slo.service} SLOs`, tags: [SLO_TAG, slo.service] }],
      time: { from: 'now-7d', to: 'now' },
    },
    source,
    { source },
  );
}

function definitionText(slo: SLO, tiers: readonly TierAlert[], budget: number): string {
  const lines = [
    `**${sloId(slo)}**: ${slo.description}`,
    '',
    `Objective ${slo.objective}% over ${slo.period} (error budget ${percent(budget)} of events)${slo.groupBy.length ? `, per ${slo.groupBy.join(', ')}` : ''}.`,
    '',
    'Bad and all events, per second over 5 minutes:',
    '',
    ...(() => {
      const rates = baseRates(slo.sli, slo.groupBy);
      return rates ? [rates.errors, rates.total] : sliQueries(slo.sli);
    })().map((q) => `    ${q}`),
  ];
  if (tiers.length > 0) {
    lines.push('', '| tier | budget spent | windows | burn factor | error ratio above | for | severity |', '|---|---|---|---|---|---|---|');
    for (const t of tiers) {
      lines.push(`| ${t.tier.longWindow} | ${t.tier.budgetPercent}% | ${t.tier.longWindow} and ${t.tier.shortWindow} | ${t.factor}× | ${percent(t.threshold)} | ${t.tier.for} | ${t.tier.severity} |`);
    }
  }
  return lines.join('\n');
}

/**
 * The dashboard listing every SLO of a service: remaining budget and SLI per SLO, and which
 * burn-rate alerts are pending or firing. The header links to each SLO's own dashboard.
 */
export function sloOverviewDashboard(service: string, slos: readonly SLO[], source: SourceLocation | undefined = slos[0]?.source): DashboardDefinition {
  const svc = `${SERVICE_LABEL}="${service}"`;
  const names = slos.map((s) => s.name).join(', ');
  return buildDashboard(
    {
      slug: sloOverviewSlug(service),
      title: `SLOs: ${service}`,
      description: `Every SLO of ${service} (${names}): budget left, SLI and burn-rate alerts.`,
      tags: [SLO_TAG, service],
      links: [{ title: `${service} SLOs`, tags: [SLO_TAG, service] }],
      time: { from: 'now-7d', to: 'now' },
      rows: [
        row('Status', [
          table({
            title: 'Error budget remaining by SLO',
            description: 'Share of each SLO\'s error budget left over its period; sorted with the most spent first.',
            unit: 'percentunit',
            decimals: 1,
            thresholds: BUDGET_STEPS,
            sortBy: 'Value',
            queries: [query(`${BUDGET_REMAINING}{${svc}}`, '', { instant: true, format: 'table' })],
          }),
          timeseries({
            title: 'Error budget remaining over time',
            description: 'Each SLO\'s remaining error budget; a steady descent is a slow burn no fast tier catches.',
            unit: 'percentunit',
            decimals: 1,
            thresholds: BUDGET_STEPS,
            queries: [query(`${BUDGET_REMAINING}{${svc}}`, '{{slo}}')],
          }),
        ]),
        row('Alerts', [
          stateTimeline({
            title: 'Burn-rate alerts by SLO',
            description: 'Pending and firing burn-rate alerts of the service\'s SLOs, from Prometheus\'s ALERTS series.',
            width: 24,
            height: 6,
            states: ALERT_STATES,
            queries: [query(alertStates(`${svc},${SLO_LABEL}=~".+"`, SLO_LABEL), '{{slo}}')],
          }),
        ]),
      ],
    },
    source,
    { source },
  );
}

/** An SLO's objective as a ratio (99.5 → 0.995), for a line on an SLI chart. */
export function objectiveRatio(slo: SLO): number {
  return tidy(slo.objective / 100);
}

/**
 * The latency bound of a latency SLO, in the histogram's unit, for a line on a latency chart:
 * the same number the SLO's rules count requests against. Throws for another kind of SLI.
 */
export function latencyBound(slo: SLO): number {
  if (slo.sli.kind !== 'latency') throw new Error(`SLO ${sloId(slo)} is not a latency SLO`);
  return slo.sli.threshold;
}
