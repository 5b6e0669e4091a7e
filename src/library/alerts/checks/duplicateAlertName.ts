import { defineCheck, diagnose } from '../../diagnostics/check.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { AlertRule } from '../define.js';
import type { DefinitionOf, GroupEntry } from './groupEntry.js';

export const duplicateAlertName = defineCheck({
  id: 'alert/duplicate-name',
  severity: 'error',
  title: 'Each alert name belongs to one definition (an alert rule, or one SLO\'s burn-rate tiers)',
  why: 'The runbook and its runbook_url are keyed by alert name: a second definition of the name would get the first one\'s runbook, and its own summary, query and links would be silently dropped from it.',
});

/** The other definition's file and line, for the message: the diagnostic itself points at this one. */
function where(entry: GroupEntry, rule: AlertRule): string {
  return rule.source ? `${entry.module}:${rule.source.line}` : entry.module;
}

/** Alerts whose name an earlier alert of another definition already took; alert/duplicate leaves them to this check. */
export function nameTaken(entries: readonly GroupEntry[], definitionOf: DefinitionOf): Map<AlertRule, { entry: GroupEntry; rule: AlertRule }> {
  const firstByName = new Map<string, { entry: GroupEntry; rule: AlertRule }>();
  const taken = new Map<AlertRule, { entry: GroupEntry; rule: AlertRule }>();
  for (const entry of entries) {
    for (const rule of entry.group.rules) {
      if (rule.kind !== 'alert') continue;
      const first = firstByName.get(rule.name);
      if (!first) firstByName.set(rule.name, { entry, rule });
      else if (definitionOf(first.rule) !== definitionOf(rule)) taken.set(rule, first);
    }
  }
  return taken;
}

export function checkDuplicateAlertNames(entries: readonly GroupEntry[], definitionOf: DefinitionOf): Diagnostic[] {
  const out: Diagnostic[] = [];
  // An SLO's tiers are several rules of one definition: a clash is reported once per pair of definitions.
  const clashes = new Map<unknown, Set<unknown>>();
  for (const [rule, first] of nameTaken(entries, definitionOf)) {
    const [mine, theirs] = [definitionOf(rule), definitionOf(first.rule)];
    const reported = clashes.get(mine) ?? new Set();
    if (reported.has(theirs)) continue;
    clashes.set(mine, reported.add(theirs));
    out.push(
      diagnose(duplicateAlertName, {
        path: `${rule.name}.name`,
        source: rule.source,
        message: `alert "${rule.name}" (${rule.severity}) is also defined at ${where(first.entry, first.rule)} (${first.rule.severity}): the runbook is keyed by the name and would show only the first one's summary, query and links`,
        hint: 'give each definition its own name, e.g. with the severity or the symptom in it',
      }),
    );
  }
  return out;
}
