import { benchAlerts, writeAlertProject } from './alertProject.js';
import { generateInWorker } from './generateInWorker.js';
import type { GenerateWorkerResult } from './generateWorker.js';

/** What `lookout generate` cost on the synthetic alert project. */
export interface AlertGenerateResult extends GenerateWorkerResult {
  alerts: number;
  groups: number;
  services: number;
  /** totalMs / alerts. */
  perAlertMs: number;
  /** The generated project (its generated/ holds the rules and promtool tests timed next). */
  project: string;
}

/**
 * Writes `n` synthetic alerts as a lookout project under `parent` and times `lookout generate`
 * on it end to end (type-check to written files, promtool test synthesis included), in a child
 * process as the SLO benchmark does. Fails when generate fails or writes fewer alerts than asked.
 */
export async function timeAlertGenerate(n: number, parent: string, log: (msg: string) => void): Promise<AlertGenerateResult> {
  const alerts = benchAlerts(n);
  const groups = new Set(alerts.map((a) => a.group)).size;
  const services = new Set(alerts.map((a) => a.service)).size;
  const project = writeAlertProject(alerts, parent);
  log(`generate: ${n} alerts in ${groups} rule groups of ${services} services through generate({ root }) ...`);
  const g = await generateInWorker<GenerateWorkerResult>('generate', project);
  if (g.alerting !== n) throw new Error(`generate wrote ${g.alerting} alerting rules for the ${n} defined in ${project}`);
  log(`generate: ${(g.totalMs / 1000).toFixed(1)} s, ${g.testFiles} promtool test files`);
  return { ...g, alerts: n, groups, services, perAlertMs: g.totalMs / n, project };
}
