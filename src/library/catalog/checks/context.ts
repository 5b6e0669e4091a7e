import type { FieldCheck, FieldFinding } from '../../diagnostics/check.js';
import type { Catalog } from '../define.js';
import type { AnyMetric } from '../metric.js';

/** One catalog entry under check, with the key it was declared under. */
export interface MetricContext {
  readonly catalog: Catalog;
  readonly key: string;
  readonly metric: AnyMetric;
}

export type MetricFinding = FieldFinding;
export type MetricCheck = FieldCheck<MetricContext>;

/** Name segments, e.g. `gateway_request_duration_seconds` → [gateway, request, duration, seconds]. */
export function segments(name: string): string[] {
  return name.split('_').filter(Boolean);
}

/** The name without the suffix its type adds (`_total` on counters). */
export function stem(metric: AnyMetric): string {
  return metric.type === 'counter' ? metric.info.name.replace(/_total$/, '') : metric.info.name;
}
