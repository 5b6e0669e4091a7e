import { defineCheck, diagnose } from '../../diagnostics/check.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { formatDuration, parseDuration } from '../../duration.js';
import type { AlertRule, RecordingRule, RuleGroup } from '../define.js';

export const duplicateGroup = defineCheck({
  id: 'group/duplicate-name',
  severity: 'error',
  title: 'Rule group names are unique',
  why: 'Prometheus rejects a rule file with two groups of one name; across files, equal names make rule_group_* metrics ambiguous and would give two groups one generated test file.',
});

export const groupInterval = defineCheck({
  id: 'group/interval',
  severity: 'warning',
  title: 'Groups are not evaluated faster than targets are scraped, and are not empty',
  why: 'Evaluating more often than new samples arrive costs CPU and changes nothing; an empty group is a leftover.',
});

export const duplicateAlert = defineCheck({
  id: 'alert/duplicate',
  severity: 'error',
  title: 'No two alerts share a name, severity and labels',
  why: 'Two rules producing the same alert identity overwrite each other in Alertmanager: one of them never notifies.',
});

export const duplicateAlertName = defineCheck({
  id: 'alert/duplicate-name',
  severity: 'error',
  title: 'Each alert name belongs to one definition (an alert rule, or one SLO\'s burn-rate tiers)',
  why: 'The runbook and its runbook_url are keyed by alert name: a second definition of the name would get the first one\'s runbook, and its own summary, query and links would be silently dropped from it.',
});

export const duplicateRecord = defineCheck({
  id: 'rule/duplicate-record',
  severity: 'error',
  title: 'No two recording rules write the same series',
  why: 'Two rules recording one name with the same labels write conflicting samples; Prometheus drops one with "duplicate sample" errors.',
});

export interface GroupEntry {
  group: RuleGroup;
  /** The module the group came from, relative to the project root. */
  module: string;
}

/** The other definition's file and line, for the message: the diagnostic itself points at this one. */
function where(entry: GroupEntry, rule: AlertRule): string {
  return rule.source ? `${entry.module}:${rule.source.line}` : entry.module;
}

function identity(rule: AlertRule | RecordingRule): string {
  const labels = Object.entries(rule.labels)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  return rule.kind === 'alert' ? `${rule.name}|${rule.severity}|${labels}` : `${rule.name}|${labels}`;
}

/**
 * Checks that look across groups: duplicate names and identities, intervals. `definitionOf`
 * says which definition an alert came from: the rules an SLO compiles to share its name and
 * are one definition; any other alert is its own.
 */
export function checkGroups(entries: readonly GroupEntry[], scrapeIntervalMs: number, definitionOf: (rule: AlertRule) => unknown = (rule) => rule): Diagnostic[] {
  const out: Diagnostic[] = [];
  const groupsByName = new Map<string, GroupEntry>();
  const seen = new Map<string, AlertRule | RecordingRule>();
  const alertsByName = new Map<string, { entry: GroupEntry; rule: AlertRule }>();
  // An SLO's tiers are several rules of one definition: a clash is reported once per pair of definitions.
  const clashes = new Map<unknown, Set<unknown>>();
  for (const entry of entries) {
    const { group } = entry;
    const first = groupsByName.get(group.name);
    if (first) {
      out.push(diagnose(duplicateGroup, { path: `${group.name}.name`, source: group.source, message: `rule group "${group.name}" is also defined in ${first.module}` }));
    } else groupsByName.set(group.name, entry);
    const interval = group.interval ? parseDuration(group.interval) : undefined;
    if (interval !== undefined && interval < scrapeIntervalMs) {
      out.push(diagnose(groupInterval, { path: `${group.name}.interval`, source: group.source, message: `interval ${group.interval} is shorter than the scrape interval (${formatDuration(scrapeIntervalMs)})` }));
    }
    if (group.rules.length === 0) out.push(diagnose(groupInterval, { path: `${group.name}.rules`, source: group.source, message: `rule group "${group.name}" has no rules` }));
    for (const rule of group.rules) {
      if (rule.kind === 'alert') {
        const first = alertsByName.get(rule.name);
        if (!first) alertsByName.set(rule.name, { entry, rule });
        else if (definitionOf(first.rule) !== definitionOf(rule)) {
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
          continue;
        }
      }
      const key = `${rule.kind}|${identity(rule)}`;
      if (seen.has(key)) {
        const check = rule.kind === 'alert' ? duplicateAlert : duplicateRecord;
        out.push(diagnose(check, { path: `${rule.name}.name`, source: rule.source, message: `${rule.kind === 'alert' ? 'alert' : 'recording rule'} "${rule.name}" with the same labels is defined twice` }));
      } else seen.set(key, rule);
    }
  }
  return out;
}
