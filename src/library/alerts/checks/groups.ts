import type { Check } from '../../diagnostics/check.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { checkDuplicateAlerts, duplicateAlert } from './duplicateAlert.js';
import { checkDuplicateAlertNames, duplicateAlertName } from './duplicateAlertName.js';
import { checkDuplicateGroups, duplicateGroup } from './duplicateGroup.js';
import { checkDuplicateRecords, duplicateRecord } from './duplicateRecord.js';
import type { DefinitionOf, GroupEntry } from './groupEntry.js';
import { checkGroupIntervals, groupInterval } from './groupInterval.js';

export type { GroupEntry } from './groupEntry.js';

export const GROUP_CHECKS: readonly Check[] = [duplicateGroup, groupInterval, duplicateAlertName, duplicateAlert, duplicateRecord];

/**
 * The checks that look across groups: duplicate names and identities, intervals.
 * `definitionOf` says which definition an alert came from (an SLO's tiers are one).
 */
export function checkGroups(entries: readonly GroupEntry[], scrapeIntervalMs: number, definitionOf: DefinitionOf = (rule) => rule): Diagnostic[] {
  return [
    ...checkDuplicateGroups(entries),
    ...checkGroupIntervals(entries, scrapeIntervalMs),
    ...checkDuplicateAlertNames(entries, definitionOf),
    ...checkDuplicateAlerts(entries, definitionOf),
    ...checkDuplicateRecords(entries),
  ];
}
