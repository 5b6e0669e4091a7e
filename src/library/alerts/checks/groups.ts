import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { checkDuplicateAlerts } from './duplicateAlert.js';
import { checkDuplicateAlertNames } from './duplicateAlertName.js';
import { checkDuplicateGroups } from './duplicateGroup.js';
import { checkDuplicateRecords } from './duplicateRecord.js';
import type { DefinitionOf, GroupEntry } from './groupEntry.js';
import { checkGroupIntervals } from './groupInterval.js';

export type { GroupEntry } from './groupEntry.js';

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
