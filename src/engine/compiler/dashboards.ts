import { goSemantics } from './semantics.js';
import type { AlertRule } from '../../library/alerts/define.js';
import type { MetricIndex } from '../../library/catalog/metricIndex.js';
import { diagnose } from '../../library/diagnostics/check.js';
import type { Diagnostic } from '../../library/diagnostics/diagnostic.js';
import { alertDashboardLink, checkDashboard, checkDuplicates } from '../../library/dashboards/checks/index.js';
import type { DashboardDefinition } from '../../library/dashboards/define.js';
import { sloDashboard, sloOverviewDashboard } from '../../library/dashboards/slo.js';
import type { TierAlert } from '../../library/slo/compile.js';
import type { SLO } from '../../library/slo/define.js';
import { didYouMean, isUrl } from '../../library/text.js';
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
const HINT_LIST_MAX = 20;

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
  const ownDashboards = dashboards.some((d) => !d.generated);
  const reported = new Set<string>();
  const slugs = dashboards.map((d) => d.definition.slug).sort();
  // Listing a thousand SLO dashboards helps nobody: past a screenful, the likely ones.
  const choices = (name: string) =>
    slugs.length <= HINT_LIST_MAX ? `name one of: ${slugs.join(', ')}` : `${didYouMean(name, slugs) ?? 'no dashboard has a similar name'} (${slugs.length} dashboards, in generated/grafana/dashboards)`;
  for (const rule of alerts) {
    if (rule.dashboard === undefined || isUrl(rule.dashboard)) continue;
    const name = rule.dashboard.replace(/^\/+/, '');
    if (uids.has(name) || reported.has(`${rule.name}\0${name}`)) continue;
    reported.add(`${rule.name}\0${name}`);
    out.push(
      diagnose(alertDashboardLink, {
        path: `${rule.name}.dashboard`,
        source: rule.source,
        severity: ownDashboards ? 'error' : 'warning',
        message: `alert ${rule.name} links dashboard "${name}", which the project does not generate`,
        hint: `${choices(name)} (or give a full URL)`,
      }),
    );
  }
  return out;
}
