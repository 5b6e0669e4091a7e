import { defineCheck } from '../../diagnostics/check.js';
import type { MetricCheck } from './context.js';

export const counterSuffix: MetricCheck = {
  check: defineCheck({
    id: 'catalog/counter-suffix',
    severity: 'error',
    title: 'Counters end in _total, unless an exporter named them (with the reason); nothing else does',
    why: 'The _total suffix is how readers (and pint, and OpenMetrics) know a series must be rated; a gauge named _total gets rated by mistake. Exporters lookout does not control name some counters without it: those are declared with exporterName and a reason, so the exception is deliberate and explained.',
  }),
  run({ metric }) {
    const name = metric.info.name;
    if (metric.type === 'counter' && metric.exporterName) {
      // The waiver is only as good as its reason: an empty one is a silenced check.
      if (metric.exporterName.reason.trim() === '') {
        return [{ field: 'exporterName.reason', message: `counter "${name}" waives the _total suffix without a reason`, hint: 'say which exporter names it so, e.g. "named by nginx-prometheus-exporter"' }];
      }
      if (name.endsWith('_total')) {
        return [{ field: 'exporterName', severity: 'warning', message: `counter "${name}" ends in _total: its exporterName waiver is not needed`, hint: 'remove exporterName' }];
      }
      return [];
    }
    if (metric.type === 'counter' && !name.endsWith('_total')) {
      return [
        {
          field: 'name',
          message: `counter "${name}" does not end in _total`,
          hint: `name it "${name}_total"; if an exporter names it so, keep the name and add exporterName: { reason: 'named by <exporter>' }`,
        },
      ];
    }
    if (metric.type !== 'counter' && name.endsWith('_total')) {
      return [{ field: 'name', message: `${metric.type} "${name}" ends in _total, which marks counters` }];
    }
    return [];
  },
};
