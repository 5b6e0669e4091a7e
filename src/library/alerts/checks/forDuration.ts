import { defineCheck } from '../../diagnostics/check.js';
import { formatDuration, parseDuration } from '../../duration.js';
import type { AlertCheck, RuleFinding } from './context.js';

export const alertFor: AlertCheck = {
  check: defineCheck({
    id: 'alert/for',
    severity: 'error',
    title: '`for` spans at least one scrape and one evaluation',
    why: 'A `for` shorter than the scrape interval holds for a single sample: the alert fires on one bad scrape and flaps.',
  }),
  run({ rule, scrapeIntervalMs, groupIntervalMs }) {
    const out: RuleFinding[] = [];
    const forMs = rule.for ? parseDuration(rule.for) : 0;
    if (forMs === undefined) return out; // reported by schema validation
    if (forMs > 0 && forMs < scrapeIntervalMs) {
      out.push({ field: 'for', message: `for: ${rule.for} is shorter than the scrape interval (${formatDuration(scrapeIntervalMs)})` });
    } else if (forMs > 0 && forMs < groupIntervalMs) {
      out.push({ field: 'for', severity: 'warning', message: `for: ${rule.for} is shorter than the group's evaluation interval (${formatDuration(groupIntervalMs)}), so it acts like ${formatDuration(groupIntervalMs)}` });
    }
    if (forMs === 0 && rule.severity === 'page') {
      out.push({ field: 'for', severity: 'warning', message: 'a paging alert without `for` pages on a single bad evaluation', hint: 'add for: 2m or more unless one sample is enough' });
    }
    const keep = rule.keepFiringFor ? parseDuration(rule.keepFiringFor) : 0;
    if (keep !== undefined && keep > 0 && keep < groupIntervalMs) {
      out.push({ field: 'keepFiringFor', severity: 'warning', message: `keep_firing_for: ${rule.keepFiringFor} is shorter than one evaluation interval and has no effect` });
    }
    return out;
  },
};
