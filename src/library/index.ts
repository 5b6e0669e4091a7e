/**
 * lookout: observability as code. Import everything a definition needs from here:
 * `import { defineMetrics, counter, alert, sum, rate } from 'lookout'`.
 */
export { type Duration, parseDuration, formatDuration } from './duration.js';
export type { Diagnostic, Severity as DiagnosticSeverity, SourceLocation } from './diagnostics/diagnostic.js';
export type { Ignore } from './diagnostics/ignore.js';

export { counter, gauge, histogram, defineMetrics, type Catalog } from './catalog/define.js';
export { CounterMetric, GaugeMetric, HistogramMetric, type AnyMetric, type ExporterName, type MetricInfo } from './catalog/metric.js';
export type { LabelSpec, LabelValues, LabelSet, TargetLabel, ValueOf } from './labels.js';
export {
  instrument,
  silentInstruments,
  registryOf,
  type Instruments,
  type InstrumentOf,
  type CounterInstrument,
  type GaugeInstrument,
  type HistogramInstrument,
  type LabelsArg,
  type StateName,
} from './catalog/promClient.js';

export { Vector, Scalar, num, type Matching } from './promql/builder/vector.js';
export { Selector, re, not, notRe, type Matchers } from './promql/builder/selector.js';
export { sum, avg, min, max, count, group, stddev, stdvar, topk, bottomk, quantile, Aggregation } from './promql/builder/aggregate.js';
export {
  rate,
  increase,
  irate,
  resets,
  changes,
  delta,
  deriv,
  predictLinear,
  avgOverTime,
  minOverTime,
  maxOverTime,
  sumOverTime,
  lastOverTime,
  stddevOverTime,
  countOverTime,
  presentOverTime,
  absentOverTime,
  absent,
  quantileOverTime,
  subquery,
  histogramQuantile,
  abs,
  ceil,
  floor,
  sqrt,
  sort,
  sortDesc,
  round,
  clampMin,
  clampMax,
  labelReplace,
  time,
  vector,
  scalar,
  secondsSince,
  RangeQuery,
} from './promql/builder/functions.js';
export type { Expr } from './promql/ast.js';
export { parsePromQL } from './promql/parse.js';
export { printPromQL } from './promql/print.js';

export { alert, record, ruleGroup, SEVERITIES, type AlertRule, type RecordingRule, type RuleGroup, type Rule, type Severity, type AlertOptions } from './alerts/define.js';
export type { TemplateContext, TemplateValue, Templated } from './alerts/templateContext.js';
export { series, type AlertTestCase, type TestSeries, type AlertExpectation, type ExpectedAlert } from './alerts/testCase.js';

export { defineProject, type Project, type ProjectOptions, type Service, type ServiceOptions } from './project.js';

export { defineSLO, sloId, type SLO, type SLOOptions, type SLOAlerting } from './slo/define.js';
export { ratio, latency, availability, raw, type SLI, type TypedSLI } from './slo/sli.js';
export { DEFAULT_TIERS, burnFactor, type Tier, type TierOverrides } from './slo/tiers.js';
export { tierInhibitions, type InhibitRule } from './slo/inhibitions.js';
export { prometheusBuiltins as prometheus } from './catalog/builtin.js';

export { defineRouting, type Routing, type RoutingOptions, type Route, type RootRoute, type Inhibition, type TimeRange, type RouteTest } from './routing/define.js';
export { pagerduty, slack, webhook, discard, type Receiver } from './routing/receivers.js';
export type { RouteMatchers } from './routing/matchers.js';
export { DEFAULT_TEMPLATES as NOTIFICATION_TEMPLATES } from './routing/templates.js';

export * from './dashboards/index.js';
