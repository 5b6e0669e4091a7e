import { defineCheck } from '../../diagnostics/check.js';
import { durationMs } from '../../duration.js';
import type { SLOCheck } from './context.js';

export const periodRetention: SLOCheck = {
  check: defineCheck({
    id: 'slo/period-retention',
    severity: 'error',
    title: 'The SLO period fits in the Prometheus retention',
    why: 'A 30d window over 15 days of data silently reports a 15-day SLO: the budget looks twice as healthy as it is.',
  }),
  run({ slo, project }) {
    if (durationMs(slo.period) <= durationMs(project.retention)) return [];
    return [{ field: 'period', message: `period ${slo.period} is longer than the retention (${project.retention})`, hint: 'raise retention in lookout.config.ts to match the Prometheus server, or shorten the period' }];
  },
};
