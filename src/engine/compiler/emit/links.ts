import { isUrl, kebab } from '../../../library/text.js';
import type { AlertRule } from '../../../library/alerts/define.js';
import type { Project } from '../../../library/project.js';

/** The runbook's path under the runbook base (`<alert-slug>` by default); none for an external URL. */
export function runbookPath(rule: AlertRule): string | undefined {
  const r = rule.runbook ?? kebab(rule.name);
  return isUrl(r) ? undefined : r.replace(/^\/+/, '');
}

/** runbook_url: the alert's own URL, a path under the runbook base, or `<base>/<alert-slug>`. */
export function runbookUrl(rule: AlertRule, project: Project): string {
  const p = runbookPath(rule);
  return p === undefined ? rule.runbook! : `${project.runbookBaseUrl}/${p}`;
}

/**
 * dashboard_url: a URL as given, or `<grafana>/d/<uid>` for a dashboard named by uid or by the
 * slug of a dashboard the project generates (`uids` maps both to the uid).
 */
export function dashboardUrl(rule: AlertRule, project: Project, uids?: ReadonlyMap<string, string>): string | undefined {
  if (rule.dashboard === undefined) return undefined;
  if (isUrl(rule.dashboard)) return rule.dashboard;
  const name = rule.dashboard.replace(/^\/+/, '');
  return `${project.grafanaUrl}/d/${uids?.get(name) ?? name}`;
}

/** Every annotation an alert carries once compiled, keys sorted. */
export function alertAnnotations(rule: AlertRule, project: Project, uids?: ReadonlyMap<string, string>): Record<string, string> {
  const out: Record<string, string> = { ...rule.annotations, summary: rule.summary, description: rule.description, runbook_url: runbookUrl(rule, project) };
  const dash = dashboardUrl(rule, project, uids);
  if (dash) out.dashboard_url = dash;
  return out;
}

/** Every label an alert rule adds to its alerts: severity plus the extra labels. */
export function alertLabels(rule: AlertRule): Record<string, string> {
  return { ...rule.labels, severity: rule.severity };
}
