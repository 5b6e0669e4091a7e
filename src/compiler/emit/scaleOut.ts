import type { Project } from '../../toolkit/project.js';
import { generatedHeader, toYaml } from './yaml.js';

/**
 * Outputs for setups larger than one Prometheus, each the same groups as the rule file of the
 * same slug (the Thanos ruler loads generated/prometheus/rules as they are):
 * - a PrometheusRule resource for the Prometheus Operator;
 * - a rule file with a `namespace` for `mimirtool rules load|sync` (Grafana Mimir's ruler).
 */

/** `groups` as ruleGroupsData builds them for the rule file. */
export function prometheusRuleResource(slug: string, groups: readonly Record<string, unknown>[], from: string, project: Project): string {
  const resource = {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PrometheusRule',
    metadata: { name: slug, labels: { 'app.kubernetes.io/managed-by': 'lookout', 'app.kubernetes.io/part-of': project.name, ...project.prometheusRuleLabels } },
    spec: { groups },
  };
  return generatedHeader(from) + toYaml(resource);
}

export function mimirRuleFile(slug: string, groups: readonly Record<string, unknown>[], from: string): string {
  return generatedHeader(from) + toYaml({ namespace: slug, groups });
}
