import { defineCheck, diagnose } from '../../diagnostics/check.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { DashboardDefinition } from '../define.js';

/** Two dashboards under one uid, slug or title overwrite or shadow each other in Grafana. */
export const duplicateDashboard = defineCheck({
  id: 'dashboard/duplicate',
  severity: 'error',
  title: 'No two dashboards share a slug, a uid or a title',
  why: 'Grafana keeps one dashboard per uid (and per title in a folder): the second one pushed or provisioned silently replaces the first, or is refused.',
});

/** Dashboards that share a slug, uid or title, reported at the second. */
export function checkDuplicates(dashboards: readonly DashboardDefinition[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = { slug: new Map<string, DashboardDefinition>(), uid: new Map<string, DashboardDefinition>(), title: new Map<string, DashboardDefinition>() };
  for (const d of dashboards) {
    for (const key of ['slug', 'uid', 'title'] as const) {
      const value = d[key];
      const first = seen[key].get(value);
      if (first) out.push(diagnose(duplicateDashboard, { path: `${d.slug}.${key}`, source: d.source, message: `${key} ${JSON.stringify(value)} is also the ${key} of dashboard "${first.slug}"` }));
      else seen[key].set(value, d);
    }
  }
  return out;
}
