import { defineCheck, diagnose } from '../../diagnostics/check.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { GroupEntry } from './groupEntry.js';
import { repeatedIdentities } from './ruleIdentity.js';

export const duplicateRecord = defineCheck({
  id: 'rule/duplicate-record',
  severity: 'error',
  title: 'No two recording rules write the same series',
  why: 'Two rules recording one name with the same labels write conflicting samples; Prometheus drops one with "duplicate sample" errors.',
});

export function checkDuplicateRecords(entries: readonly GroupEntry[]): Diagnostic[] {
  return repeatedIdentities(entries, 'record').map((rule) =>
    diagnose(duplicateRecord, { path: `${rule.name}.name`, source: rule.source, message: `recording rule "${rule.name}" with the same labels is defined twice` }),
  );
}
