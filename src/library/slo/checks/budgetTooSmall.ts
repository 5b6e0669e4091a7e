import { defineCheck } from '../../diagnostics/check.js';
import { durationMs, formatDuration } from '../../duration.js';
import { errorBudget } from '../compile.js';
import type { SLOCheck } from './context.js';

export const budgetTooSmall: SLOCheck = {
  check: defineCheck({
    id: 'slo/budget-too-small',
    severity: 'error',
    title: 'The error budget spans more than one scrape interval',
    why: 'When the whole period allows less bad time than one scrape, one failed scrape spends the budget: the SLO measures scrape luck, not the service.',
  }),
  run({ slo, scrapeIntervalMs }) {
    const budgetMs = errorBudget(slo) * durationMs(slo.period);
    if (!(budgetMs > 0)) return [];
    const what = `the ${slo.period} error budget is ${formatDuration(Math.round(budgetMs))} of bad time`;
    if (budgetMs < scrapeIntervalMs) {
      return [{ field: 'objective', message: `${what}, less than one scrape interval (${formatDuration(scrapeIntervalMs)})`, hint: 'lower the objective or lengthen the period' }];
    }
    if (budgetMs < 10 * scrapeIntervalMs) {
      return [{ field: 'objective', severity: 'warning', message: `${what}, under ten scrape intervals: a few failed scrapes spend it` }];
    }
    return [];
  },
};
