import { goSemantics } from './semantics.js';
import type { AlertRule } from '../../library/alerts/define.js';
import type { MetricIndex } from '../../library/catalog/metricIndex.js';
import type { Diagnostic } from '../../library/diagnostics/diagnostic.js';
import { checkAlertLinks, checkDashboard, checkDuplicates } from '../../library/dashboards/checks/index.js';
import type { DashboardDefinition } from '../../library/dashboards/define.js';
import { sloDashboard, sloOverviewDashboard } from '../../library/dashboards/slo.js';
import type { TierAlert } from '../../library/slo/compile.js';
import type { SLO } from '../../library/slo/define.js';
import type { LoadedProject } from './model.js';

/** A dashboard the project generates, and the definition file it comes from. */
export interface ProjectDashboard {
  definition: DashboardDefinition;
  /** Project-relative file: dashboards/x.ts, or the slo/ file of a generated SLO dashboard. */
  from: string;
  /** True for the per-SLO and per-service SLO dashboards lookout writes itself. */
  generated: boolean;
}

/** Up to this many dashboards, a broken link's hint lists them all. */
/** Dashboard slug or uid → uid: what an alert's `dashboard` may name. */
export type DashboardUids = ReadonlyMap<string, string>;

/**
 * Every dashboard of the project: the ones written in dashboards/ (or any definition folder),
 * then one per SLO that compiled and one overview per service with SLOs, in definition order.
 */
export function collectDashboards(loaded: LoadedProject, compiled: readonly { slo: SLO }[], tiers: readonly TierAlert[]): ProjectDashboard[] {
  const out: ProjectDashboard[] = [];
  for (const module of loaded.modules) for (const definition of module.dashboards) out.push({ definition, from: module.relPath, generated: false });
  const sound = new Set(compiled.map((c) => c.slo));
  const byService = new Map<string, { slos: SLO[]; from: string }>();
  for (const module of loaded.modules) {
    for (const slo of module.slos) {
      if (!sound.has(slo)) continue;
      out.push({ definition: sloDashboard(slo, tiers), from: module.relPath, generated: true });
      const entry = byService.get(slo.service) ?? { slos: [], from: module.relPath };
      entry.slos.push(slo);
      byService.set(slo.service, entry);
    }
  }
  for (const [service, { slos, from }] of byService) out.push({ definition: sloOverviewDashboard(service, slos), from, generated: true });
  return out;
}

/** Every slug and uid of the dashboards, for resolving alerts' `dashboard` fields. */
export function dashboardUids(dashboards: readonly ProjectDashboard[]): DashboardUids {
  const out = new Map<string, string>();
  for (const { definition } of dashboards) {
    out.set(definition.slug, definition.uid);
    out.set(definition.uid, definition.uid);
  }
  return out;
}

/**
 * Lints every dashboard (see DASHBOARD_CHECKS), reports dashboards that collide, and every
 * alert whose `dashboard` names none of them: an error when the project writes dashboards of
 * its own, a warning when its only dashboards are the generated SLO ones (the alert's may
 * live outside the project). A project without dashboards is not judged.
 */
export function checkProjectDashboards(
  dashboards: readonly ProjectDashboard[],
  alerts: readonly AlertRule[],
  index: MetricIndex,
  scrapeIntervalMs: number,
  evaluationIntervalMs: number,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const { definition } of dashboards) out.push(...checkDashboard(definition, index, scrapeIntervalMs, evaluationIntervalMs, goSemantics));
  out.push(...checkDuplicates(dashboards.map((d) => d.definition)));
  if (dashboards.length === 0) return out;
  const uids = dashboardUids(dashboards);
  out.push(...checkAlertLinks(alerts, { names: new Set(uids.keys()), slugs: dashboards.map((d) => d.definition.slug), ownDashboards: dashboards.some((d) => !d.generated) }));
  return out;
}
