/**
 * `lookout/dashboards`: house-styled panels built with @grafana/grafana-foundation-sdk,
 * queries typed from the catalog, and the per-SLO dashboards lookout generates.
 * `defineDashboard` itself is in `lookout`, with the other definitions.
 * `import { row, timeseries, query, scope, rateInterval } from 'lookout/dashboards'`.
 */
export { buildDashboard, row, type RowSpec, type LinkSpec, type PanelOrigin } from './dashboards/define.js';
export { panel, type PanelSpec, type PanelOptions, type DataPanelOptions } from './dashboards/panels/base.js';
export { timeseries, type TimeseriesOptions } from './dashboards/panels/timeseries.js';
export { stat } from './dashboards/panels/stat.js';
export { table, type TableOptions } from './dashboards/panels/table.js';
export { stateTimeline, stateStyles, type StateStyle, type StateTimelineOptions } from './dashboards/panels/stateTimeline.js';
export { markdown } from './dashboards/panels/text.js';
export { query, shareOf, promql, variable, scope, rateInterval, dashboardRange, stepInterval, type PanelQuery } from './dashboards/query.js';
export { datasourceVariable, labelVariable, scopeVariables, type VariableSpec, type LabelVariableOptions } from './dashboards/variables.js';
export { alertThreshold, alertNamed, alertSteps, atLeast, atMost, type AlertThreshold, type ThresholdStep } from './dashboards/thresholds.js';
export { sloDashboard, sloOverviewDashboard, sloDashboardSlug, sloOverviewSlug, objectiveRatio, latencyBound } from './dashboards/slo.js';
export { dashboardUid, slugify } from './dashboards/uid.js';
export { DATASOURCE_VARIABLE, LOOKOUT_TAG, SLO_TAG } from './dashboards/conventions.js';
