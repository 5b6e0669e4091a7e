/**
 * `lookout/runtime`: what an instrumented service imports. The catalog (the same definitions
 * the rules and dashboards are checked against) and its prom-client binding, and nothing that
 * loads the Grafana SDK or the PromQL parser, so a service starts as fast as prom-client lets it.
 * `import { defineMetrics, counter, instrument } from 'lookout/runtime'`.
 */
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
