import { defineCheck } from '../../diagnostics/check.js';
import type { MetricCheck, MetricFinding } from './context.js';

export const labelValues: MetricCheck = {
  check: defineCheck({
    id: 'catalog/label-values',
    severity: 'error',
    title: 'Closed label sets are non-empty and without duplicates',
    why: 'An empty closed set makes the metric impossible to record; a duplicate hides a typo in the list.',
  }),
  run({ metric }) {
    const out: MetricFinding[] = [];
    for (const [name, values] of Object.entries(metric.info.labels)) {
      if (values === 'open') continue;
      const field = `labels.${name}`;
      if (values.length === 0) out.push({ field, message: `label "${name}" has an empty set of values`, hint: "use 'open' when values are not known in advance" });
      const seen = new Set<string>();
      for (const v of values) {
        if (v === '') out.push({ field, message: `label "${name}" lists an empty value` });
        if (seen.has(v)) out.push({ field, message: `label "${name}" lists "${v}" twice` });
        seen.add(v);
      }
    }
    return out;
  },
};
