import { defineCheck, diagnose } from '../../diagnostics/check.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { GroupEntry } from './groupEntry.js';

export const duplicateGroup = defineCheck({
  id: 'group/duplicate-name',
  severity: 'error',
  title: 'Rule group names are unique',
  why: 'Prometheus rejects a rule file with two groups of one name; across files, equal names make rule_group_* metrics ambiguous and would give two groups one generated test file.',
  refusedBy: 'Prometheus',
});

export function checkDuplicateGroups(entries: readonly GroupEntry[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const byName = new Map<string, GroupEntry>();
  for (const entry of entries) {
    const { group } = entry;
    const first = byName.get(group.name);
    if (first) out.push(diagnose(duplicateGroup, { path: `${group.name}.name`, source: group.source, message: `rule group "${group.name}" is also defined in ${first.module}` }));
    else byName.set(group.name, entry);
  }
  return out;
}
