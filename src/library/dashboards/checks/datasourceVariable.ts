import { defineCheck } from '../../diagnostics/check.js';
import { DATASOURCE_VARIABLE } from '../conventions.js';
import { variablesOf, type DashboardCheck } from './context.js';

/** One dashboard JSON must work against every Prometheus: staging, production, a laptop. */
export const datasourceVariable: DashboardCheck = {
  check: defineCheck({
    id: 'dashboard/datasource-variable',
    severity: 'error',
    title: `The dashboard has a Prometheus datasource variable named \`${DATASOURCE_VARIABLE}\``,
    why: 'A dashboard bound to one datasource uid works in the Grafana it was built in and shows "datasource not found" everywhere else; a datasource variable lets the same JSON serve every environment.',
  }),
  run({ dashboard }) {
    const v = variablesOf(dashboard.model).find((x) => x.name === DATASOURCE_VARIABLE);
    if (!v) return [{ path: 'templating.list', message: `the dashboard has no "${DATASOURCE_VARIABLE}" variable`, hint: 'add datasourceVariable() (scopeVariables() includes it)' }];
    const type = typeof v.query === 'string' ? v.query : undefined;
    if (v.type !== 'datasource' || type !== 'prometheus') {
      return [{ path: 'templating.list', message: `variable "${DATASOURCE_VARIABLE}" is a ${v.type} variable of ${JSON.stringify(v.query)}, not a Prometheus datasource variable` }];
    }
    return [];
  },
};
