import { defineCheck } from '../../diagnostics/check.js';

/**
 * An alert whose dashboard_url leads nowhere. Only the compiler sees the alerts and the
 * dashboards together, so it reports this check (engine/compiler/dashboards.ts).
 */
export const alertDashboardLink = defineCheck({
  id: 'dashboard/alert-link',
  severity: 'error',
  title: "An alert's `dashboard` names a dashboard the project generates (by slug or uid)",
  why: "The dashboard_url is the first thing an on-call engineer clicks; a uid no dashboard has opens Grafana's \"Dashboard not found\" in the middle of an incident. A warning when the project generates no dashboards of its own, since its dashboards may live elsewhere.",
});
