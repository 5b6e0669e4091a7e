import { defineCheck } from '../../diagnostics/check.js';
import type { MetricCheck, MetricFinding } from './context.js';

export const buckets: MetricCheck = {
  check: defineCheck({
    id: 'catalog/buckets',
    severity: 'error',
    title: 'Histogram buckets are finite and strictly increasing',
    why: 'prom-client and Prometheus assume sorted bounds; a duplicated or unsorted bound produces a non-monotonic histogram and nonsense quantiles.',
  }),
  run({ metric }) {
    if (metric.type !== 'histogram') return [];
    const out: MetricFinding[] = [];
    const b = metric.buckets;
    if (b.length === 0) out.push({ field: 'buckets', message: `histogram "${metric.info.name}" declares no buckets` });
    b.forEach((v, i) => {
      if (!Number.isFinite(v)) out.push({ field: `buckets[${i}]`, message: `bucket ${v} is not finite: +Inf is added automatically` });
      else if (i > 0 && v <= b[i - 1]!) out.push({ field: `buckets[${i}]`, message: `bucket ${v} is not greater than the one before (${b[i - 1]})` });
    });
    if (b.length > 30) out.push({ field: 'buckets', severity: 'warning', message: `${b.length} buckets: each one is a series per label combination` });
    return out;
  },
};
