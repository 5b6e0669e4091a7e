import type { RuleGroup } from '../../toolkit/alerts/define.js';
import type { Project } from '../../toolkit/project.js';
import { ruleFile } from './ruleFile.js';
import { generatedHeader, toYaml } from './yaml.js';
import { parse } from 'yaml';

/**
 * Outputs for setups larger than one Prometheus, each the same groups as the rule file of the
 * same slug (the Thanos ruler loads generated/prometheus/rules as they are):
 * - a PrometheusRule resource for the Prometheus Operator;
 * - a rule file with a `namespace` for `mimirtool rules load|sync` (Grafana Mimir's ruler).
 */

/** The rule file's body as data: `{ groups: [...] }`, exactly as written to the rule file. */
function groupsOf(groups: readonly RuleGroup[], from: string, project: Project): unknown {
  return (parse(ruleFile(groups, from, project)) as { groups: unknown }).groups;
}

export function prometheusRuleResource(slug: string, groups: readonly RuleGroup[], from: string, project: Project): string {
  const resource = {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PrometheusRule',
    metadata: { name: slug, labels: { 'app.kubernetes.io/managed-by': 'lookout', 'app.kubernetes.io/part-of': project.name, ...project.prometheusRuleLabels } },
    spec: { groups: groupsOf(groups, from, project) },
  };
  return generatedHeader(from) + toYaml(resource);
}

export function mimirRuleFile(slug: string, groups: readonly RuleGroup[], from: string, project: Project): string {
  return generatedHeader(from) + toYaml({ namespace: slug, groups: groupsOf(groups, from, project) });
}
