import type { AlertRule, RecordingRule, Rule } from '../define.js';
import type { GroupEntry } from './groupEntry.js';

/** What makes two rules the same series or alert: name, severity (alerts) and labels. */
function identity(rule: AlertRule | RecordingRule): string {
  const labels = Object.entries(rule.labels)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  return rule.kind === 'alert' ? `${rule.name}|${rule.severity}|${labels}` : `${rule.name}|${labels}`;
}

/** Rules of `kind` whose identity an earlier rule already has; `skip` leaves some out entirely. */
export function repeatedIdentities(entries: readonly GroupEntry[], kind: Rule['kind'], skip: (rule: Rule) => boolean = () => false): Rule[] {
  const seen = new Set<string>();
  const repeated: Rule[] = [];
  for (const { group } of entries) {
    for (const rule of group.rules) {
      if (rule.kind !== kind || skip(rule)) continue;
      const key = identity(rule);
      if (seen.has(key)) repeated.push(rule);
      else seen.add(key);
    }
  }
  return repeated;
}
