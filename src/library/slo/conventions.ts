import { formatDuration } from '../duration.js';

/**
 * Names lookout gives the series and labels of an SLO, in one place. Dashboards, alerts and
 * users' own queries rely on them, so they change only with a major version.
 */

/** Label naming the SLO on every recorded series and alert. */
export const SLO_LABEL = 'slo';
/** Label naming the SLO's service. */
export const SERVICE_LABEL = 'service';
/** Alert labels describing a burn-rate tier. */
export const TIER_LABEL = 'tier';
export const LONG_WINDOW_LABEL = 'long_window';
export const SHORT_WINDOW_LABEL = 'short_window';

const DAY_MS = 24 * 3600_000;

/**
 * How a window is written in series names and ranges: whole days as days (7d, 28d, 30d,
 * where Prometheus would print 1w and 4w), anything else as Prometheus prints it.
 */
export function windowName(ms: number): string {
  return ms >= DAY_MS && ms % DAY_MS === 0 ? `${ms / DAY_MS}d` : formatDuration(ms);
}

/** Per-second rate of bad events over the base window, recorded once per SLO (and group). */
export const ERRORS_RATE = (window: string) => `slo:sli_errors:rate${window}`;
/** Per-second rate of all events over the base window. */
export const TOTAL_RATE = (window: string) => `slo:sli_total:rate${window}`;
/** Share of bad events over a window, weighted by volume. */
export const ERROR_RATIO = (window: string) => `slo:sli_error:ratio_rate${window}`;

export const OBJECTIVE = 'slo:objective:ratio';
export const ERROR_BUDGET = 'slo:error_budget:ratio';
export const PERIOD_SECONDS = 'slo:period:seconds';
export const BUDGET_REMAINING = 'slo:error_budget_remaining:ratio';

/** The window every other one is built from: short enough for the fastest tier. */
export const BASE_WINDOW = '5m';
/**
 * The intermediate window the SLO period is computed from. Recording it every long-group
 * evaluation lets a 30d ratio read 30d/interval samples instead of 30d/30s.
 */
export const PERIOD_BASE_WINDOW = '1h';
/** Evaluation interval of the group holding windows of a day and longer. */
export const LONG_GROUP_INTERVAL = '2m';

/**
 * Generated tests of the long group's tiers evaluate every 10 minutes over samples a minute
 * apart, not every 2 minutes over scrape-interval samples: the same rules, but a 3-day
 * scenario costs promtool a second instead of many. Their scenarios hold the burn steady for
 * hours, so the coarser clock changes no verdict, only when within 10 minutes one is seen.
 */
export const LONG_TEST_EVALUATION_INTERVAL = '10m';
export const LONG_TEST_SAMPLE_INTERVAL = '1m';
