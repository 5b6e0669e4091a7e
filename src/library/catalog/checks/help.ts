import { defineCheck } from '../../diagnostics/check.js';
import type { MetricCheck } from './context.js';

export const helpText: MetricCheck = {
  check: defineCheck({
    id: 'catalog/help',
    severity: 'error',
    title: 'Every metric has a help sentence',
    why: 'HELP is the only documentation an on-call engineer sees in Grafana\'s metric browser at 3 a.m.',
  }),
  run({ metric }) {
    const help = metric.info.help.trim();
    if (help.length < 10) return [{ field: 'help', message: `help of "${metric.info.name}" is missing or too short`, hint: 'say what is counted or measured, and when' }];
    return [];
  },
};
