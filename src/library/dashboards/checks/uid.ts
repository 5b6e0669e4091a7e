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
