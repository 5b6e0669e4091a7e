import { defineCheck } from '../../diagnostics/check.js';
import { segments, type MetricCheck } from './context.js';

const TYPE_WORDS = new Set(['counter', 'gauge', 'histogram', 'summary', 'metric']);

export const typeInName: MetricCheck = {
  check: defineCheck({
    id: 'catalog/type-in-name',
    severity: 'error',
    title: 'Metric names do not repeat the metric type',
    why: 'The type is in the # TYPE line; "requests_counter" says nothing a reader needs and breaks the _total convention.',
  }),
  run({ metric }) {
    const word = segments(metric.info.name).find((s) => TYPE_WORDS.has(s));
    return word ? [{ field: 'name', message: `metric name "${metric.info.name}" contains the type word "${word}"` }] : [];
  },
};
