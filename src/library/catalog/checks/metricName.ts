import { defineCheck } from '../../diagnostics/check.js';
import type { MetricCheck } from './context.js';

export const metricName: MetricCheck = {
  check: defineCheck({
    id: 'catalog/metric-name',
    severity: 'error',
    title: 'Metric names are lower snake_case',
    why: 'Prometheus accepts [a-zA-Z_:] names, but colons are reserved for recording rules and mixed case breaks every convention-based tool.',
  }),
  run({ metric }) {
    const name = metric.info.name;
    if (/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/.test(name)) return [];
    return [{ field: 'name', message: `metric name "${name}" is not lower snake_case`, hint: 'use [a-z0-9_], words separated by single underscores, no colons' }];
  },
};
