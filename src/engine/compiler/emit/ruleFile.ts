import type { AlertRule, RecordingRule, RuleGroup } from '../../../library/alerts/define.js';
import type { Project } from '../../../library/project.js';
import { alertAnnotations, alertLabels } from './links.js';
import { generatedHeader, sorted, toYaml } from './yaml.js';

function alertEntry(rule: AlertRule, project: Project, uids?: ReadonlyMap<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = { alert: rule.name, expr: rule.expr.trim() };
  if (rule.for) out.for = rule.for;
  if (rule.keepFiringFor) out.keep_firing_for = rule.keepFiringFor;
  out.labels = sorted(alertLabels(rule));
  out.annotations = sorted(alertAnnotations(rule, project, uids));
  return out;
}

function recordEntry(rule: RecordingRule): Record<string, unknown> {
  const out: Record<string, unknown> = { record: rule.name, expr: rule.expr.trim() };
  if (Object.keys(rule.labels).length > 0) out.labels = sorted(rule.labels);
  return out;
}

/**
 * The `groups` list of a rule file, as data: the Operator and Mimir outputs wrap the same list.
 * `uids` resolves dashboard slugs in alerts' `dashboard` to uids.
 */
export function ruleGroupsData(groups: readonly RuleGroup[], project: Project, uids?: ReadonlyMap<string, string>): Record<string, unknown>[] {
  return groups.map((g) => {
    const group: Record<string, unknown> = { name: g.name, interval: g.interval ?? project.evaluationInterval };
    if (g.limit !== undefined) group.limit = g.limit;
    group.rules = g.rules.map((r) => (r.kind === 'alert' ? alertEntry(r, project, uids) : recordEntry(r)));
    return group;
  });
}

/** The `groups:` entry of a rule file, which the Operator and Mimir outputs embed as it is. */
export function groupsYaml(groups: readonly Record<string, unknown>[]): string {
  return toYaml({ groups });
}

/** One Prometheus rule file: the groups of one definition module (or one SLO). */
export function ruleFile(groupsYaml: string, from: string): string {
  return generatedHeader(from) + groupsYaml;
}
