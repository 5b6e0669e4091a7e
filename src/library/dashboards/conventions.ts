/**
 * The house style of lookout's dashboards, in one place: the datasource variable every panel
 * reads through, grid sizes, colours and defaults. Dashboards, their lint and the per-SLO
 * generator all read these, so a change here changes every dashboard the same way.
 */

/** Name of the Prometheus datasource variable; every panel and query reads `${datasource}`. */
export const DATASOURCE_VARIABLE = 'datasource';
/** The datasource reference panels and queries carry. */
export const DATASOURCE_REF = { type: 'prometheus', uid: `\${${DATASOURCE_VARIABLE}}` } as const;

/** Grafana's grid is 24 columns wide. */
export const GRID_COLUMNS = 24;
/** Default panel size: half the width, 8 rows high. */
export const DEFAULT_WIDTH = 12;
export const DEFAULT_HEIGHT = 8;
/** Stat panels are small. */
export const STAT_WIDTH = 6;
export const STAT_HEIGHT = 4;

/** Tag on every dashboard lookout builds, so Grafana can list them together. */
export const LOOKOUT_TAG = 'lookout';
/** Tag on every generated SLO dashboard. */
export const SLO_TAG = 'slo';

export const DEFAULT_TIME = { from: 'now-6h', to: 'now' } as const;
export const DEFAULT_REFRESH = '1m';

/** Colours by meaning, Grafana's named palette. */
export const COLORS = {
  ok: 'green',
  warning: 'orange',
  bad: 'red',
  info: 'blue',
  neutral: 'text',
} as const;

/** Grafana variables every query may use without the dashboard defining them. */
export const BUILTIN_VARIABLES: ReadonlySet<string> = new Set([
  '__rate_interval',
  '__interval',
  '__interval_ms',
  '__range',
  '__range_s',
  '__range_ms',
  '__from',
  '__to',
  '__dashboard',
  '__org',
  '__user',
]);
