import { defineCheck } from '../../diagnostics/check.js';
import type { MetricCheck } from './context.js';

export const reservedSuffix: MetricCheck = {
  check: defineCheck({
    id: 'catalog/reserved-suffix',
    severity: 'error',
    title: 'Only histograms produce _bucket, _count and _sum series',
    why: 'A gauge named x_count collides with histogram x: both write x_count and the scrape keeps whichever came last.',
  }),
  run({ metric }) {
    const name = metric.info.name;
    const suffix = ['_bucket', '_count', '_sum'].find((s) => name.endsWith(s));
    if (!suffix) return [];
    return [{ field: 'name', message: `metric name "${name}" ends in ${suffix}, which histograms add to their series` }];
  },
};
