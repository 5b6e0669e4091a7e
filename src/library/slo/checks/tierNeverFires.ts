import { defineCheck } from '../../diagnostics/check.js';
import { errorBudget, tidy } from '../compile.js';
import { burnFactor } from '../tiers.js';
import type { SLOCheck, SLOFinding } from './context.js';

export const tierNeverFires: SLOCheck = {
  check: defineCheck({
    id: 'slo/tier-never-fires',
    severity: 'error',
    title: 'Every burn-rate tier can fire: factor × error budget is below 100%',
    why: 'A 90% objective with a 14.4x tier needs an error ratio of 144% to fire: the page that was meant to wake someone can never exist.',
  }),
  run({ slo, tiers }) {
    const budget = errorBudget(slo);
    const out: SLOFinding[] = [];
    for (const tier of tiers) {
      const factor = burnFactor(tier, slo.period);
      const needed = factor * budget;
      if (needed < 1) continue;
      out.push({
        field: 'alerting.tiers',
        message: `tier ${tier.longWindow} needs an error ratio above ${tidy(needed * 100)}% (${factor} × ${tidy(budget * 100)}% budget) and can never fire`,
        hint: `switch it off with tiers: { '${tier.longWindow}': false }, or give it a smaller budgetPercent`,
      });
    }
    return out;
  },
};
