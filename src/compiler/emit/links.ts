import { kebab } from '../../toolkit/text.js';
import type { AlertRule } from '../../toolkit/alerts/define.js';
import type { Project } from '../../toolkit/project.js';

function isUrl(value: string): boolean {
  return /^https?:\/\//.test(value);
}

/** runbook_url: the alert's own URL, a path under the runbook base, or `<base>/<alert-slug>`. */
export function runbookUrl(rule: AlertRule, project: Project): string {
  const r = rule.runbook ?? kebab(rule.name);
  return isUrl(r) ? r : `${project.runbookBaseUrl}/${r.replace(/^\/+/, '')}`;
}

/** dashboard_url: a URL as given, or `<grafana>/d/<uid>` for a dashboard uid. */
export function dashboardUrl(rule: AlertRule, project: Project): string | undefined {
  if (rule.dashboard === undefined) return undefined;
  return isUrl(rule.dashboard) ? rule.dashboard : `${project.grafanaUrl}/d/${rule.dashboard.replace(/^\/+/, '')}`;
}

/** Every annotation an alert carries once compiled, keys sorted. */
export function alertAnnotations(rule: AlertRule, project: Project): Record<string, string> {
  const out: Record<string, string> = { ...rule.annotations, summary: rule.summary, description: rule.description, runbook_url: runbookUrl(rule, project) };
  const dash = dashboardUrl(rule, project);
  if (dash) out.dashboard_url = dash;
  return out;
}

/** Every label an alert rule adds to its alerts: severity plus the extra labels. */
export function alertLabels(rule: AlertRule): Record<string, string> {
  return { ...rule.labels, severity: rule.severity };
}
