import type { Duration } from '../duration.js';
import { durationMs } from '../duration.js';
import type { Severity } from '../alerts/define.js';

/**
 * One burn-rate alert of the SRE workbook's multiwindow, multi-burn-rate scheme: fire when
 * the last `longWindow` consumed `budgetPercent` of the period's error budget, confirmed by
 * the `shortWindow` (1/12 of the long one) so the alert resets quickly once errors stop.
 */
export interface Tier {
  /** Share of the whole period's error budget consumed within `longWindow`, in percent. */
  budgetPercent: number;
  longWindow: Duration;
  shortWindow: Duration;
  for: Duration;
  severity: Severity;
  /** Extra labels for this tier's alert. */
  labels?: Readonly<Record<string, string>>;
}

/** The workbook's four tiers: 2% in 1h and 5% in 6h page, 10% in 1d and 10% in 3d open tickets. */
export const DEFAULT_TIERS: readonly Tier[] = [
  { budgetPercent: 2, longWindow: '1h', shortWindow: '5m', for: '2m', severity: 'page' },
  { budgetPercent: 5, longWindow: '6h', shortWindow: '30m', for: '15m', severity: 'page' },
  { budgetPercent: 10, longWindow: '1d', shortWindow: '2h', for: '1h', severity: 'ticket' },
  { budgetPercent: 10, longWindow: '3d', shortWindow: '6h', for: '3h', severity: 'ticket' },
];

/**
 * How many times faster than "exactly on budget" the SLO must burn for the tier to fire:
 * budget share × period / long window. 30d gives 14.4, 6, 3 and 1; 28d gives 13.44, 5.6, 2.8
 * and 0.93. Rounded to 6 significant digits so the printed threshold stays readable.
 */
export function burnFactor(tier: Pick<Tier, 'budgetPercent' | 'longWindow'>, period: string): number {
  const raw = (tier.budgetPercent / 100) * (durationMs(period) / durationMs(tier.longWindow));
  return Number(raw.toPrecision(6));
}

/** Per-tier changes: `false` switches a tier off; keys are the tier's long window. */
export type TierOverrides = Readonly<Record<string, Partial<Tier> | false>>;

/** The tiers of an SLO: the defaults with overrides applied, or a full replacement list. */
export function resolveTiers(tiers: readonly Tier[] | TierOverrides | undefined): Tier[] {
  if (tiers === undefined) return DEFAULT_TIERS.map((t) => ({ ...t }));
  if (Array.isArray(tiers)) return tiers.map((t) => ({ ...t }));
  const overrides = tiers as TierOverrides;
  const out: Tier[] = [];
  for (const t of DEFAULT_TIERS) {
    const o = overrides[t.longWindow];
    if (o === false) continue;
    out.push({ ...t, ...(o ?? {}) });
  }
  return out;
}
