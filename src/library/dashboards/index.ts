/**
 * Dashboards as code: house-styled panels built with @grafana/grafana-foundation-sdk, queries
 * typed from the catalog, and the per-SLO dashboards lookout generates.
 */
export { defineDashboard, buildDashboard, row, type DashboardDefinition, type DashboardOptions, type RowSpec, type LinkSpec, type PanelOrigin } from './define.js';
export { panel, type PanelSpec, type PanelOptions, type DataPanelOptions } from './panels/base.js';
export { timeseries, type TimeseriesOptions } from './panels/timeseries.js';
export { stat } from './panels/stat.js';
export { table, type TableOptions } from './panels/table.js';
export { stateTimeline, stateStyles, type StateStyle, type StateTimelineOptions } from './panels/stateTimeline.js';
export { markdown } from './panels/text.js';
export { query, shareOf, promql, variable, scope, routing, rateInterval, dashboardRange, stepInterval, type PanelQuery } from './query.js';
export { datasourceVariable, labelVariable, standardVariables, type VariableSpec, type LabelVariableOptions } from './variables.js';
export { alertThreshold, alertNamed, alertSteps, atLeast, atMost, type AlertThreshold, type ThresholdStep } from './thresholds.js';
export { sloDashboard, sloOverviewDashboard, sloDashboardSlug, sloOverviewSlug, objectiveRatio, latencyBound } from './slo.js';
export { dashboardUid, slugify } from './uid.js';
export { DATASOURCE_VARIABLE, LOOKOUT_TAG, SLO_TAG } from './conventions.js';
