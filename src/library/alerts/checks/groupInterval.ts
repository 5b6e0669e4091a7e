import { defineCheck, diagnose } from '../../diagnostics/check.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { formatDuration, parseDuration } from '../../duration.js';
import type { GroupEntry } from './groupEntry.js';

export const groupInterval = defineCheck({
  id: 'group/interval',
  severity: 'warning',
  title: 'Groups are not evaluated faster than targets are scraped, and are not empty',
  why: 'Evaluating more often than new samples arrive costs CPU and changes nothing; an empty group is a leftover.',
});

export function checkGroupIntervals(entries: readonly GroupEntry[], scrapeIntervalMs: number): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const { group } of entries) {
    const interval = group.interval ? parseDuration(group.interval) : undefined;
    if (interval !== undefined && interval < scrapeIntervalMs) {
      out.push(diagnose(groupInterval, { path: `${group.name}.interval`, source: group.source, message: `interval ${group.interval} is shorter than the scrape interval (${formatDuration(scrapeIntervalMs)})` }));
    }
    if (group.rules.length === 0) out.push(diagnose(groupInterval, { path: `${group.name}.rules`, source: group.source, message: `rule group "${group.name}" has no rules` }));
  }
  return out;
}
