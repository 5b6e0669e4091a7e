import type { InhibitRule } from '../../../library/slo/inhibitions.js';
import { generatedHeader, toYaml } from './yaml.js';

/**
 * The SLO tiers' inhibition rules as an Alertmanager config fragment: the `inhibit_rules` list
 * that the routing config includes, in Alertmanager's own field names.
 */
/** One entry of Alertmanager's `inhibit_rules`, in its field names. */
export function inhibitRuleEntry(r: InhibitRule): Record<string, unknown> {
  return { source_matchers: r.sourceMatchers, target_matchers: r.targetMatchers, equal: r.equal };
}

export function inhibitRulesFile(rules: readonly InhibitRule[], from: readonly string[]): string {
  const body = {
    inhibit_rules: rules.map(inhibitRuleEntry),
  };
  const note = '# A faster burn-rate tier keeps the slower tiers of the same SLO from notifying a second time.\n';
  return generatedHeader(from.join(', ')) + note + toYaml(body);
}
