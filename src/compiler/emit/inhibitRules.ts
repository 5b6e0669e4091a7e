import type { InhibitRule } from '../../toolkit/slo/inhibitions.js';
import { generatedHeader, toYaml } from './yaml.js';

/**
 * The SLO tiers' inhibition rules as an Alertmanager config fragment: the `inhibit_rules` list
 * that the routing config includes, in Alertmanager's own field names.
 */
export function inhibitRulesFile(rules: readonly InhibitRule[], from: readonly string[]): string {
  const body = {
    inhibit_rules: rules.map((r) => ({ source_matchers: r.sourceMatchers, target_matchers: r.targetMatchers, equal: r.equal })),
  };
  const note = '# A faster burn-rate tier keeps the slower tiers of the same SLO from notifying a second time.\n';
  return generatedHeader(from.join(', ')) + note + toYaml(body);
}
