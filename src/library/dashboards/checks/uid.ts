import { defineCheck } from '../../diagnostics/check.js';
import { SLUG_PATTERN, UID_PATTERN } from '../uid.js';
import type { DashboardCheck } from './context.js';

/** Links from alerts, runbooks and other dashboards go through the uid. */
export const dashboardUidCheck: DashboardCheck = {
  check: defineCheck({
    id: 'dashboard/uid',
    severity: 'error',
    title: 'A dashboard has a slug of lower-case words and a uid Grafana accepts (at most 40 letters, digits, - or _)',
    why: 'Grafana refuses a longer uid or replaces a missing one with a random one, and every link into the dashboard (alerts\' dashboard_url, runbooks) breaks on the next import.',
  }),
  run({ dashboard }) {
    const out: ReturnType<DashboardCheck['run']> = [];
    if (!SLUG_PATTERN.test(dashboard.slug)) out.push({ path: 'slug', message: `slug ${JSON.stringify(dashboard.slug)} is not lower-case words joined by dashes`, hint: "e.g. 'ai-gateway-reliability'" });
    const uid = dashboard.model.uid;
    if (!uid || !UID_PATTERN.test(uid)) out.push({ path: 'uid', message: `uid ${JSON.stringify(uid)} is not 1 to 40 letters, digits, - or _` });
    return out;
  },
};

/** Two dashboards under one uid, slug or title overwrite or shadow each other in Grafana. */
export const duplicateDashboard = defineCheck({
  id: 'dashboard/duplicate',
  severity: 'error',
  title: 'No two dashboards share a slug, a uid or a title',
  why: 'Grafana keeps one dashboard per uid (and per title in a folder): the second one pushed or provisioned silently replaces the first, or is refused.',
});

/** An alert whose dashboard_url leads nowhere. */
export const alertDashboardLink = defineCheck({
  id: 'dashboard/alert-link',
  severity: 'error',
  title: "An alert's `dashboard` names a dashboard the project generates (by slug or uid)",
  why: "The dashboard_url is the first thing an on-call engineer clicks; a uid no dashboard has opens Grafana's \"Dashboard not found\" in the middle of an incident. A warning when the project generates no dashboards of its own, since its dashboards may live elsewhere.",
});
