import { defineCheck, diagnose } from '../../diagnostics/check.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { AlertRule } from '../define.js';
import { nameTaken } from './duplicateAlertName.js';
import type { DefinitionOf, GroupEntry } from './groupEntry.js';
import { repeatedIdentities } from './ruleIdentity.js';

export const duplicateAlert = defineCheck({
  id: 'alert/duplicate',
  severity: 'error',
  title: 'No two alerts share a name, severity and labels',
  why: 'Two rules producing the same alert identity overwrite each other in Alertmanager: one of them never notifies.',
});

export function checkDuplicateAlerts(entries: readonly GroupEntry[], definitionOf: DefinitionOf): Diagnostic[] {
  // A name another definition took is alert/duplicate-name's to report, once.
  const taken = nameTaken(entries, definitionOf);
  return repeatedIdentities(entries, 'alert', (rule) => taken.has(rule as AlertRule)).map((rule) =>
    diagnose(duplicateAlert, { path: `${rule.name}.name`, source: rule.source, message: `alert "${rule.name}" with the same labels is defined twice` }),
  );
}
