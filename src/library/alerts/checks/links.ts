import { defineCheck } from '../../diagnostics/check.js';
import { isUrl } from '../../text.js';
import type { AlertCheck, RuleFinding } from './context.js';

function badUrl(value: string): boolean {
  if (!isUrl(value)) return false; // a path, resolved against the project's base URL
  try {
    new URL(value);
    return false;
  } catch {
    return true;
  }
}

export const alertLinks: AlertCheck = {
  check: defineCheck({
    id: 'alert/links',
    severity: 'error',
    title: 'Runbook and dashboard links are valid URLs or paths',
    why: 'A broken link in a page is found by the responder at the worst moment.',
  }),
  run({ rule }) {
    const out: RuleFinding[] = [];
    if (rule.runbook !== undefined && (rule.runbook.trim() === '' || badUrl(rule.runbook))) out.push({ field: 'runbook', message: `runbook "${rule.runbook}" is not a valid URL or path` });
    if (rule.dashboard !== undefined && (rule.dashboard.trim() === '' || badUrl(rule.dashboard))) out.push({ field: 'dashboard', message: `dashboard "${rule.dashboard}" is not a valid URL or uid` });
    if (rule.severity === 'page' && rule.dashboard === undefined) out.push({ field: 'dashboard', severity: 'warning', message: 'a paging alert without a dashboard link' });
    return out;
  },
};
