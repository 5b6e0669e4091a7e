import { defineCheck } from '../../diagnostics/check.js';
import { isUrl, kebab } from '../../text.js';
import type { AlertRule } from '../define.js';
import type { RuleFinding } from './context.js';

/** What the compiler found in the project's runbooks/ folder. */
export interface RunbookIndex {
  /** Alert slugs with steps in runbooks/alerts/<slug>.md or .hbs. */
  readonly content: ReadonlySet<string>;
  /** Alert names an SLO compiled: the shared burn-rate steps cover them. */
  readonly sloAlerts: ReadonlySet<string>;
}

export const alertRunbookMissing = defineCheck({
  id: 'alert/runbook-missing',
  severity: 'error',
  title: 'A paging alert has its own runbook steps',
  why: 'Whoever is woken up needs steps written for this alert, not a page that only restates its query.',
});

/**
 * Whether a paging alert lacks steps of its own. Only the runbook step of the compiler reads
 * runbooks/, so it runs this (not analysis); a project without a runbooks/ folder has not
 * adopted runbooks and gets the built-in page for every alert.
 */
export function runbookMissing(rule: AlertRule, runbooks: RunbookIndex): RuleFinding[] {
  if (rule.severity !== 'page') return [];
  if (rule.runbook !== undefined && isUrl(rule.runbook)) return [];
  const slug = kebab(rule.name);
  if (runbooks.content.has(slug) || runbooks.sloAlerts.has(rule.name)) return [];
  return [
    {
      field: 'severity',
      message: `paging alert ${rule.name} has no runbook steps`,
      hint: `write runbooks/alerts/${slug}.md (or .hbs, rendered with the alert's facts), or set runbook: to the URL of an external runbook`,
    },
  ];
}
