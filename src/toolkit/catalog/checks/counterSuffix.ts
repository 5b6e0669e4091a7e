import { defineCheck } from '../../diagnostics/check.js';
import type { MetricCheck } from './context.js';

export const counterSuffix: MetricCheck = {
  check: defineCheck({
    id: 'catalog/counter-suffix',
    severity: 'error',
    title: 'Counters end in _total; nothing else does',
    why: 'The _total suffix is how readers (and pint, and OpenMetrics) know a series must be rated; a gauge named _total gets rated by mistake.',
  }),
  run({ metric }) {
    const name = metric.info.name;
    if (metric.type === 'counter' && !name.endsWith('_total')) {
      return [{ field: 'name', message: `counter "${name}" does not end in _total`, hint: `name it "${name}_total"` }];
    }
    if (metric.type !== 'counter' && name.endsWith('_total')) {
      return [{ field: 'name', message: `${metric.type} "${name}" ends in _total, which marks counters` }];
    }
    return [];
  },
};
