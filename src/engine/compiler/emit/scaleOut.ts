import type { Project } from '../../../library/project.js';
import { generatedHeader, toYaml } from './yaml.js';

/**
 * Outputs for setups larger than one Prometheus, each the same groups as the rule file of the
 * same slug (the Thanos ruler loads generated/prometheus/rules as they are):
 * - a PrometheusRule resource for the Prometheus Operator;
 * - a rule file with a `namespace` for `mimirtool rules load|sync` (Grafana Mimir's ruler).
 */

/**
 * `groupsYaml` is the rule file's `groups:` entry as toYaml wrote it, placed as it is (or
 * indented one level): serializing the groups once instead of three times, with the same
 * bytes, since a block mapping's entries are written independently of one another.
 */
export function prometheusRuleResource(slug: string, groupsYaml: string, from: string, project: Project): string {
  const head = {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PrometheusRule',
    metadata: { name: slug, labels: { 'app.kubernetes.io/managed-by': 'lookout', 'app.kubernetes.io/part-of': project.name, ...project.prometheusRuleLabels } },
  };
  return `${generatedHeader(from)}${toYaml(head)}spec:\n${indent(groupsYaml)}`;
}

export function mimirRuleFile(slug: string, groupsYaml: string, from: string): string {
  return generatedHeader(from) + toYaml({ namespace: slug }) + groupsYaml;
}

/** Each line one level deeper; empty lines (inside block scalars) stay empty, as YAML writes them. */
function indent(yaml: string): string {
  return yaml.replace(/^(?=.)/gm, '  ');
}
