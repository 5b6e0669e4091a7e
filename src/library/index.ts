/**
 * lookout: observability as code. What a definition file needs: the project, the catalog,
 * alerts, SLOs, Alertmanager routing and `defineDashboard`:
 * `import { defineMetrics, counter, alert, ruleGroup } from 'lookout'`.
 *
 * The rest has its own entry, so its generic names (`count`, `time`, `sort`, `row`, `query`)
 * never collide with a user's: `lookout/promql` (the PromQL builder and parser),
 * `lookout/dashboards` (panels and their helpers), `lookout/runtime` (what an instrumented
 * service imports: the catalog and its prom-client binding, nothing else).
 */
export { type Duration, parseDuration, formatDuration } from './duration.js';
export type { Diagnostic, Severity as DiagnosticSeverity, SourceLocation } from './diagnostics/diagnostic.js';

export { counter, gauge, histogram, defineMetrics, type Catalog } from './catalog/define.js';
export { CounterMetric, GaugeMetric, HistogramMetric, type AnyMetric, type ExporterName, type MetricInfo } from './catalog/metric.js';
export type { LabelSpec, LabelValues, LabelSet, TargetLabel, ValueOf } from './labels.js';
export { prometheusBuiltins as prometheus } from './catalog/builtin.js';

export { alert, record, ruleGroup, SEVERITIES, type AlertRule, type RecordingRule, type RuleGroup, type Rule, type Severity, type AlertOptions } from './alerts/define.js';
export type { TemplateContext, TemplateValue, Templated } from './alerts/templateContext.js';
export { series, type AlertTestCase, type TestSeries, type AlertExpectation, type ExpectedAlert } from './alerts/testCase.js';

export { defineProject, type Project, type ProjectOptions, type Service, type ServiceOptions } from './project.js';

export { defineSLO, sloId, type SLO, type SLOOptions, type SLOAlerting } from './slo/define.js';
export { ratio, latency, availability, rawSLI, type SLI, type TypedSLI } from './slo/sli.js';
export { DEFAULT_TIERS, burnFactor, type Tier, type TierOverrides } from './slo/tiers.js';
export { tierInhibitions, type InhibitRule } from './slo/inhibitions.js';

export { defineRouting, type Routing, type RoutingOptions, type Route, type RootRoute, type Inhibition, type TimeRange, type RouteTest } from './routing/define.js';
export { pagerduty, slack, webhook, discard, type Receiver } from './routing/receivers.js';
export type { RouteMatchers } from './routing/matchers.js';
export { DEFAULT_TEMPLATES as NOTIFICATION_TEMPLATES } from './routing/templates.js';

export { defineDashboard, type DashboardDefinition, type DashboardOptions } from './dashboards/define.js';
