/**
 * lookout's offline PromQL evaluator and rule simulator. It reproduces Prometheus 2.42
 * (the promtool on these machines) closely enough that values compare equal bit for bit,
 * so lookout can write promtool unit tests whose expectations it computed itself.
 */
export { EvaluationError, UnsupportedError } from './errors.js';
export { evaluate, type EvalOptions, type EvalResult, type ResultSample } from './instant.js';
export { evaluateOrderChecked, type OrderCheckedResult } from './orderCheck.js';
export { MemoryStorage, type SampleValue, type SeriesInput } from './storage.js';
export { formatSeriesNumber, formatSeriesValues } from './seriesFormat.js';
export { parseSeriesValues, SeriesNotationError } from './seriesNotation.js';
export {
  firingAlertsAt,
  promtoolLoadedUntil,
  simulateRules,
  stepAt,
  type SimGroup,
  type SimOptions,
  type SimRuleStep,
  type SimStep,
  type SimTimeline,
} from './rules.js';
export type { AlertState, SimAlert, SimAlertingRule, SimRecordingRule, SimRule } from './simRules.js';
