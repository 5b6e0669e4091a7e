import type { RecordingRule } from '../alerts/define.js';
import type { Severity } from '../alerts/define.js';
import { durationMs } from '../duration.js';
import type { Project } from '../project.js';
import type { SLO } from './define.js';
import { SLOTH_INFO } from '../alerts/foreignNames.js';

/**
 * Sloth's output conventions, for SLOs compiled with `compat: 'sloth'`: the labels and the
 * extra series its Grafana dashboards (grafana.com 14348 and 14643) select on and its users'
 * Alertmanager routes match. lookout's own names stay as they are; these come on top.
 */

/** Which output an SLO is compiled for: lookout's alone, or lookout's plus Sloth's. */
export type SLOCompat = 'sloth' | 'lookout';

/** `<service>-<slo>`: Sloth's one label that tells every SLO apart. */
export const SLOTH_ID_LABEL = 'sloth_id';
export const SLOTH_SERVICE_LABEL = 'sloth_service';
export const SLOTH_SLO_LABEL = 'sloth_slo';
/** On each `slo:sli_error:ratio_rate<window>` series: the window it covers. */
export const SLOTH_WINDOW_LABEL = 'sloth_window';
/** On alerts: `page` or `ticket`, what Sloth users route on. */
export const SLOTH_SEVERITY_LABEL = 'sloth_severity';

/** The windows Sloth records for every SLO (besides its period), whatever its alerts read. */
export const SLOTH_WINDOWS = ['5m', '30m', '1h', '2h', '6h', '1d', '3d'] as const;

export const CURRENT_BURN_RATE = 'slo:current_burn_rate:ratio';
export const PERIOD_BURN_RATE = 'slo:period_burn_rate:ratio';
export const PERIOD_BUDGET_REMAINING = 'slo:period_error_budget_remaining:ratio';
export const TIME_PERIOD_DAYS = 'slo:time_period:days';
/** Sloth's one series per SLO describing it; its dashboards list services and SLOs from it. */
export { SLOTH_INFO };

/**
 * What `sloth_slo_info` says produced the rules. Sloth writes its run mode (`cli-gen-prom`),
 * the spec format and its own version there; these rules were not made by Sloth, so the
 * values say lookout rather than pretend otherwise. Dashboards only show them.
 */
export const SLOTH_INFO_MODE = 'lookout';
export const SLOTH_INFO_SPEC = 'lookout/defineSLO';
export const SLOTH_INFO_VERSION = 'lookout';

/** An SLO's own choice wins over the project's default; lookout's output alone by default. */
export function compatOf(slo: Pick<SLO, 'compat'>, project: Pick<Project, 'sloCompat'>): SLOCompat {
  return slo.compat ?? project.sloCompat ?? 'lookout';
}

/** The labels Sloth puts on every series of an SLO. */
export function slothLabels(slo: Pick<SLO, 'service' | 'name'>): Record<string, string> {
  return { [SLOTH_ID_LABEL]: `${slo.service}-${slo.name}`, [SLOTH_SERVICE_LABEL]: slo.service, [SLOTH_SLO_LABEL]: slo.name };
}

/**
 * What a tier alert carries for Sloth's routes: `sloth_severity`, page or ticket. Sloth knows
 * two severities, so an `info` tier gets none: it never notifies in lookout, and calling it a
 * ticket would let a Sloth route open tickets for it.
 */
export function slothAlertLabels(severity: Severity, compat: SLOCompat): Record<string, string> {
  return compat === 'sloth' && severity !== 'info' ? { [SLOTH_SEVERITY_LABEL]: severity } : {};
}

/** `and`/`or` between two windows of the SLO: their `sloth_window` differs, so it must be ignored. */
export function acrossWindows(op: 'and' | 'or', compat: SLOCompat): string {
  return compat === 'sloth' ? `${op} ignoring (${SLOTH_WINDOW_LABEL})` : op;
}

/** Days, as `slo:time_period:days` holds them (fractional for a period that is not whole days). */
function periodDays(period: string): number {
  return Number((durationMs(period) / 86_400_000).toPrecision(12));
}

/**
 * Sloth's metadata series, built on lookout's: the burn rates divide lookout's recorded ratios
 * by the budget, as Sloth divides its own, so they keep the ratio's labels (`sloth_window`
 * included, as in Sloth's output).
 */
export function slothMetadata(
  slo: SLO,
  budget: number,
  ratioOf: (window: 'base' | 'period') => string,
  record: (name: string, expr: string, labels?: Record<string, string>) => RecordingRule,
): { short: RecordingRule[]; long: RecordingRule[] } {
  return {
    short: [record(CURRENT_BURN_RATE, `${ratioOf('base')} / ${budget}`)],
    long: [
      record(TIME_PERIOD_DAYS, `vector(${periodDays(slo.period)})`),
      record(PERIOD_BURN_RATE, `${ratioOf('period')} / ${budget}`),
      record(PERIOD_BUDGET_REMAINING, `1 - ${ratioOf('period')} / ${budget}`),
      record(SLOTH_INFO, 'vector(1)', {
        sloth_mode: SLOTH_INFO_MODE,
        sloth_objective: String(slo.objective),
        sloth_spec: SLOTH_INFO_SPEC,
        sloth_version: SLOTH_INFO_VERSION,
      }),
    ],
  };
}
