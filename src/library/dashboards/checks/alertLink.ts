import type { AlertRule } from '../../alerts/define.js';
import { defineCheck, diagnose } from '../../diagnostics/check.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { didYouMean, isUrl } from '../../text.js';

export const alertDashboardLink = defineCheck({
  id: 'dashboard/alert-link',
  severity: 'error',
  title: "An alert's `dashboard` names a dashboard the project generates (by slug or uid)",
  why: "The dashboard_url is the first thing an on-call engineer clicks; a uid no dashboard has opens Grafana's \"Dashboard not found\" in the middle of an incident. A warning when the project generates no dashboards of its own, since its dashboards may live elsewhere.",
});

/** The dashboards of a project as alert links see them; the compiler gathers them (its own and the generated SLO ones). */
export interface LinkTargets {
  /** Every slug and uid a `dashboard` may name. */
  readonly names: ReadonlySet<string>;
  readonly slugs: readonly string[];
  /** Whether the project writes dashboards of its own, beyond the generated SLO ones. */
  readonly ownDashboards: boolean;
}

const HINT_LIST_MAX = 20;

/**
 * Every alert whose `dashboard` names none of the project's dashboards: an error when the
 * project writes dashboards of its own, a warning when its only dashboards are the generated
 * SLO ones (the alert's may live outside the project). Each alert and name once.
 */
export function checkAlertLinks(alerts: readonly AlertRule[], targets: LinkTargets): Diagnostic[] {
  const out: Diagnostic[] = [];
  const reported = new Set<string>();
  const slugs = [...targets.slugs].sort();
  // Listing a thousand SLO dashboards helps nobody: past a screenful, the likely ones.
  const choices = (name: string) =>
    slugs.length <= HINT_LIST_MAX ? `name one of: ${slugs.join(', ')}` : `${didYouMean(name, slugs) ?? 'no dashboard has a similar name'} (${slugs.length} dashboards, in generated/grafana/dashboards)`;
  for (const rule of alerts) {
    if (rule.dashboard === undefined || isUrl(rule.dashboard)) continue;
    const name = rule.dashboard.replace(/^\/+/, '');
    if (targets.names.has(name) || reported.has(`${rule.name}\0${name}`)) continue;
    reported.add(`${rule.name}\0${name}`);
    out.push(
      diagnose(alertDashboardLink, {
        path: `${rule.name}.dashboard`,
        source: rule.source,
        severity: targets.ownDashboards ? 'error' : 'warning',
        message: `alert ${rule.name} links dashboard "${name}", which the project does not generate`,
        hint: `${choices(name)} (or give a full URL)`,
      }),
    );
  }
  return out;
}
