import type { Project } from '../../../library/project.js';
import { generatedHeader, sorted, toYaml } from './yaml.js';

/**
 * generated/prometheus/prometheus.yml: the project's intervals and external labels, every
 * generated rule file (paths relative to this file, as Prometheus resolves them), the
 * Alertmanagers, and a scrape job per catalog job that has targets.
 */
export function prometheusConfig(project: Project, ruleFiles: readonly string[], jobs: readonly string[]): string {
  const global: Record<string, unknown> = { scrape_interval: project.scrapeInterval, evaluation_interval: project.evaluationInterval };
  if (Object.keys(project.externalLabels).length > 0) global.external_labels = sorted(project.externalLabels);
  const body: Record<string, unknown> = {
    global,
    rule_files: [...ruleFiles].sort(),
    alerting: { alertmanagers: [{ static_configs: [{ targets: [...project.alertmanagers] }] }] },
    scrape_configs: [...new Set(jobs)]
      .filter((job) => (project.scrapeTargets[job] ?? []).length > 0)
      .sort()
      .map((job) => ({ job_name: job, static_configs: [{ targets: [...project.scrapeTargets[job]!] }] })),
  };
  return generatedHeader('lookout.config.ts') + toYaml(body);
}
