import { defineCheck } from '../../diagnostics/check.js';
import { DEFAULT_TIERS } from '../tiers.js';
import { durationMs } from '../../duration.js';
import type { SLOCheck, SLOFinding } from './context.js';

export const tierWindows: SLOCheck = {
  check: defineCheck({
    id: 'slo/tier-windows',
    severity: 'error',
    title: 'Each tier has a short window below its long one and a `for` within the short window',
    why: 'The short window is what lets the alert reset soon after errors stop; a `for` longer than it delays every page by more than the reset time.',
  }),
  run({ slo, tiers }) {
    const out: SLOFinding[] = [];
    if (slo.alerting && slo.alerting.tiers && !Array.isArray(slo.alerting.tiers)) {
      const known = DEFAULT_TIERS.map((t) => t.longWindow);
      for (const key of Object.keys(slo.alerting.tiers)) {
        if (!known.includes(key as (typeof known)[number])) {
          out.push({ field: `alerting.tiers.${key}`, message: `"${key}" is not a default tier (${known.join(', ')}); pass a full list of tiers to define new ones` });
        }
      }
    }
    for (const tier of tiers) {
      const long = durationMs(tier.longWindow);
      const short = durationMs(tier.shortWindow);
      const forMs = durationMs(tier.for);
      if (short >= long) out.push({ field: 'alerting.tiers', message: `tier ${tier.longWindow}: the short window ${tier.shortWindow} is not shorter than the long window` });
      if (forMs > short) {
        out.push({ field: 'alerting.tiers', message: `tier ${tier.longWindow}: for ${tier.for} is longer than the short window ${tier.shortWindow}`, hint: 'the alert would keep paging well after errors stop; shorten for' });
      }
      if (!(tier.budgetPercent > 0 && tier.budgetPercent <= 100)) out.push({ field: 'alerting.tiers', message: `tier ${tier.longWindow}: budgetPercent ${tier.budgetPercent} is not in (0, 100]` });
    }
    return out;
  },
};
