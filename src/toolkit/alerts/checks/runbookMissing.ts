import { defineCheck, type Check } from '../../diagnostics/check.js';
import type { AlertRule } from '../define.js';
import { kebab } from '../../text.js';
import type { RuleContext, RuleFinding } from './context.js';

/** What the compiler found in the project's runbooks/ folder. */
export interface RunbookIndex {
  /** Alert slugs with steps in runbooks/alerts/<slug>.md or .hbs. */
  readonly content: ReadonlySet<string>;
  /** Alert names an SLO compiled: the shared burn-rate steps cover them. */
  readonly sloAlerts: ReadonlySet<string>;
}

/**
 * Only the compile step knows which runbook files exist, so it runs this check itself with
 * `runbooks` set. During analysis (no index) it finds nothing; a project without a runbooks/
 * folder has not adopted runbooks and gets the built-in page for every alert.
 */
/** An alert check whose context may carry the runbook index; it still fits in ALERT_CHECKS. */
export interface RunbookCheck {
  readonly check: Check;
  run(ctx: RuleContext<AlertRule> & { readonly runbooks?: RunbookIndex | undefined }): RuleFinding[];
}

export const alertRunbookMissing: RunbookCheck = {
  check: defineCheck({
    id: 'alert/runbook-missing',
    severity: 'error',
    title: 'A paging alert has its own runbook steps',
    why: 'Whoever is woken up needs steps written for this alert, not a page that only restates its query.',
  }),
  run({ rule, runbooks }) {
    if (!runbooks || rule.severity !== 'page') return [];
    if (rule.runbook !== undefined && /^https?:\/\//.test(rule.runbook)) return [];
    const slug = kebab(rule.name);
    if (runbooks.content.has(slug) || runbooks.sloAlerts.has(rule.name)) return [];
    return [
      {
        field: 'severity',
        message: `paging alert ${rule.name} has no runbook steps`,
        hint: `write runbooks/alerts/${slug}.md (or .hbs, rendered with the alert's facts), or set runbook: to the URL of an external runbook`,
      },
    ];
  },
};
