import { defineCheck } from '../../diagnostics/check.js';
import type { SLOCheck } from './context.js';

export const objective: SLOCheck = {
  check: defineCheck({
    id: 'slo/objective',
    severity: 'error',
    title: 'The objective is a percentage strictly between 0 and 100',
    why: 'An objective of 100 leaves no error budget, so every burn rate is infinite; 0.995 instead of 99.5 is a unit mistake.',
  }),
  run({ slo }) {
    if (slo.objective > 0 && slo.objective < 100) {
      if (slo.objective < 1) return [{ field: 'objective', severity: 'warning', message: `objective ${slo.objective}% looks like a ratio; objectives are percentages (99.5, not 0.995)` }];
      return [];
    }
    return [{ field: 'objective', message: `objective ${slo.objective} is not a percentage between 0 and 100 (exclusive)` }];
  },
};
