import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { toYaml } from '../../engine/compiler/emit/yaml.js';
import { formatDuration } from '../../library/duration.js';
import { deliverLocally } from './localDelivery.js';
import { scaleAlertmanagerConfig, scaleDuration, scaleRuleFile, type TimeScale } from './timeScale.js';

interface PrometheusConfig {
  global: Record<string, unknown>;
  rule_files: string[];
  alerting?: unknown;
  scrape_configs?: Array<{ job_name: string; static_configs: Array<{ targets: string[] }> }>;
}

/**
 * Writes into `dir` the generated prometheus.yml and every rule file it loads, scaled, with
 * the run's own targets and Alertmanager: the shipped rules, on a clock `factor` times faster.
 * Returns the config file to start Prometheus with.
 */
export function writeScaledPrometheus(
  generatedDir: string,
  dir: string,
  options: { scale: TimeScale; targets: Readonly<Record<string, readonly string[]>>; alertmanagers: readonly string[] },
): string {
  const source = path.join(generatedDir, 'prometheus', 'prometheus.yml');
  const config = parse(readFileSync(source, 'utf8')) as PrometheusConfig;
  const scrape = formatDuration(options.scale.scrapeIntervalMs);
  config.global = {
    ...config.global,
    scrape_interval: scrape,
    evaluation_interval: scaleDuration(String(config.global.evaluation_interval ?? '1m'), options.scale),
  };
  for (const file of config.rule_files) {
    const target = path.join(dir, file);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, scaleRuleFile(readFileSync(path.join(generatedDir, 'prometheus', file), 'utf8'), options.scale));
  }
  config.alerting = { alertmanagers: [{ static_configs: [{ targets: [...options.alertmanagers] }] }] };
  config.scrape_configs = Object.entries(options.targets).map(([job, targets]) => ({
    job_name: job,
    scrape_interval: scrape,
    scrape_timeout: scrape,
    static_configs: [{ targets: [...targets] }],
  })) as PrometheusConfig['scrape_configs'];
  const file = path.join(dir, 'prometheus.yml');
  writeFileSync(file, toYaml(config));
  return file;
}

/** The generated alertmanager.yml, scaled, delivering every notification to the local webhook at `webhookUrl`. */
export function scaledAlertmanagerConfig(generatedDir: string, scale: TimeScale, webhookUrl: string): string {
  const config = parse(readFileSync(path.join(generatedDir, 'alertmanager', 'alertmanager.yml'), 'utf8')) as Record<string, unknown>;
  return toYaml(deliverLocally(scaleAlertmanagerConfig(config, scale), webhookUrl));
}
