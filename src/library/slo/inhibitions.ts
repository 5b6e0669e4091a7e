import { durationMs } from '../duration.js';
import { SERVICE_LABEL, SLO_LABEL, TIER_LABEL } from './conventions.js';
import type { TierAlert } from './compile.js';
import { formatMatcher, toAlertMatchers } from '../routing/matchers.js';

/**
 * An Alertmanager inhibition rule, in the fields of its config file: while an alert matching
 * every source matcher fires, alerts matching every target matcher and carrying the same
 * values of the `equal` labels are not notified.
 */
export interface InhibitRule {
  sourceMatchers: string[];
  targetMatchers: string[];
  equal: string[];
}

/** `name="value"`, or `name=~"a|b"` for several values, as Alertmanager's config writes them. */
function matcher(name: string, values: string | readonly string[]): string {
  return formatMatcher(toAlertMatchers({ [name]: values })[0]!);
}

/**
 * For each SLO, one rule per tier that has slower tiers: while the faster tier fires, the
 * slower ones stay quiet for the same SLO (and the same group, for SLOs grouped by label).
 * A full outage trips every tier in turn; without these, one incident pages, then pages
 * again an hour later and opens two tickets the next day.
 */
export function tierInhibitions(tiers: readonly TierAlert[]): InhibitRule[] {
  const bySLO = new Map<string, TierAlert[]>();
  for (const t of tiers) {
    const key = `${t.slo.service}/${t.slo.name}`;
    bySLO.set(key, [...(bySLO.get(key) ?? []), t]);
  }
  const rules: InhibitRule[] = [];
  for (const own of bySLO.values()) {
    const sorted = [...own].sort((a, b) => durationMs(a.tier.longWindow) - durationMs(b.tier.longWindow));
    const { slo, rule } = sorted[0]!;
    const same = [matcher('alertname', rule.name), matcher(SLO_LABEL, slo.name), matcher(SERVICE_LABEL, slo.service)];
    const equal = [SLO_LABEL, SERVICE_LABEL, ...slo.groupBy];
    sorted.forEach((faster, i) => {
      const slower = sorted.slice(i + 1).filter((t) => durationMs(t.tier.longWindow) > durationMs(faster.tier.longWindow));
      if (slower.length === 0) return;
      const windows = slower.map((t) => t.tier.longWindow);
      rules.push({
        sourceMatchers: [...same, matcher(TIER_LABEL, faster.tier.longWindow)],
        targetMatchers: [...same, matcher(TIER_LABEL, windows.length === 1 ? windows[0]! : windows)],
        equal,
      });
    });
  }
  return rules;
}
