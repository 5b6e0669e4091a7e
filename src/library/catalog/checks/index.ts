import { defineCheck, diagnose } from '../../diagnostics/check.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { Catalog } from '../define.js';
import type { MetricIndex } from '../metricIndex.js';
import { baseUnit } from './baseUnit.js';
import { buckets } from './buckets.js';
import type { MetricCheck } from './context.js';
import { counterSuffix } from './counterSuffix.js';
import { helpText } from './help.js';
import { labelName } from './labelName.js';
import { labelValues } from './labelValues.js';
import { metricName } from './metricName.js';
import { reservedSuffix } from './reservedSuffix.js';
import { typeInName } from './typeInName.js';
import { unboundedLabel } from './unboundedLabel.js';

export const METRIC_CHECKS: readonly MetricCheck[] = [
  metricName,
  counterSuffix,
  typeInName,
  baseUnit,
  reservedSuffix,
  helpText,
  labelName,
  unboundedLabel,
  labelValues,
  buckets,
];

export const duplicateMetric = defineCheck({
  id: 'catalog/duplicate-metric',
  severity: 'error',
  title: 'Each series name is declared once across all catalogs',
  why: 'Two declarations of one name with different labels or types make every query on it ambiguous.',
});

/** Lints every metric of the project's catalogs (Prometheus's builtins are not linted). */
export function checkCatalogs(catalogs: readonly Catalog[], index: MetricIndex): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const catalog of catalogs) {
    for (const [key, metric] of Object.entries(catalog.metrics)) {
      for (const mc of METRIC_CHECKS) {
        for (const f of mc.run({ catalog, key, metric })) {
          const { field, ...rest } = f;
          out.push(diagnose(mc.check, { ...rest, path: `${key}.${field}`, source: metric.info.source }));
        }
      }
    }
  }
  for (const c of index.collisions) {
    const origin = c.second.origin;
    const source = origin.kind === 'metric' ? origin.metric.info.source : undefined;
    out.push(diagnose(duplicateMetric, { path: c.name, source, message: `series "${c.name}" is declared twice` }));
  }
  return out;
}
