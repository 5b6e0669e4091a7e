import { durationMs } from '../../../../library/duration.js';
import { windowName } from '../../../../library/slo/conventions.js';
import type { ImportedTier } from '../model.js';
import { IMPORT_CODES, type SpecFile } from '../specFile.js';
import type { BurnRateCondition } from './alertPolicies.js';

/** The SRE workbook's short window: 1/12 of the long one, so an alert resets soon after errors stop. */
const SHORT_WINDOW_SHARE = 12;

function tidy(n: number): number {
  return Number(n.toPrecision(6));
}

/**
 * Burn-rate conditions as lookout tiers for one SLO. A tier is "budgetPercent of the period's
 * budget spent within longWindow", so a burn rate `threshold` over `lookbackWindow` spends
 * threshold × lookback / period of it. Undefined when a condition could never fire.
 */
export function burnRateTiers(file: SpecFile, conditions: readonly BurnRateCondition[], period: string, objective: number): ImportedTier[] | undefined {
  const periodMs = durationMs(period);
  const budget = 1 - objective / 100;
  const out: ImportedTier[] = [];
  const seen = new Map<string, string>();
  let ok = true;
  for (const c of conditions) {
    const threshold = c.at('spec', 'condition', 'threshold');
    if (c.threshold * budget >= 1) {
      file.report('error', IMPORT_CODES.unsupported, threshold, `AlertCondition ${c.name}: a burn rate above ${c.threshold} needs an error ratio of ${tidy(c.threshold * budget * 100)}% with a ${objective}% objective, so it can never fire`);
      ok = false;
      continue;
    }
    const budgetPercent = tidy(((c.threshold * c.lookbackMs) / periodMs) * 100);
    if (budgetPercent > 100) {
      file.report('error', IMPORT_CODES.unsupported, threshold, `AlertCondition ${c.name}: a burn rate of ${c.threshold} over ${c.lookback} spends ${budgetPercent}% of the ${period} error budget, more than all of it`, 'a lookout tier spends at most 100% of the budget in its long window');
      ok = false;
      continue;
    }
    const longWindow = windowName(c.lookbackMs);
    const shortMs = Math.max(1000, Math.round(c.lookbackMs / SHORT_WINDOW_SHARE / 1000) * 1000);
    const shortWindow = windowName(shortMs);
    let forMs = c.alertAfterMs;
    if (forMs > shortMs) {
      // lookout keeps `for` within the short window, or the alert outlives the errors by more than the reset time.
      file.report('warning', IMPORT_CODES.changed, c.at('spec', 'condition', 'alertAfter'), `AlertCondition ${c.name}: alertAfter ${c.alertAfter} is longer than the tier's ${shortWindow} short window (1/12 of ${c.lookback}); imported as for: ${shortWindow}`);
      forMs = shortMs;
    }
    const twin = seen.get(longWindow);
    if (twin !== undefined) {
      file.error(c.at('spec', 'condition', 'lookbackWindow'), `AlertCondition ${c.name} and ${twin} both look back ${longWindow}: lookout tells an SLO's tiers apart by their long window`, 'keep one condition per lookback window');
      ok = false;
      continue;
    }
    seen.set(longWindow, c.name);
    out.push({ budgetPercent, longWindow, shortWindow, for: windowName(forMs), severity: c.severity });
  }
  return ok ? out.sort((a, b) => durationMs(a.longWindow) - durationMs(b.longWindow)) : undefined;
}
