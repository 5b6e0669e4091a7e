import { defineCheck } from '../../diagnostics/check.js';
import { BUILTIN_VARIABLES } from '../conventions.js';
import { variablesOf, type DashboardCheck } from './context.js';

/** `$provder` is sent to Prometheus as the text `$provder`: the panel matches nothing. */
export const unknownVariable: DashboardCheck = {
  check: defineCheck({
    id: 'dashboard/unknown-variable',
    severity: 'error',
    title: 'Every variable a query uses is defined by the dashboard or built into Grafana',
    why: 'Grafana leaves an unknown `$name` in the query as it is, so the matcher looks for the literal text "$name" and the panel is silently empty.',
  }),
  run({ dashboard, targets }) {
    const defined = new Set(variablesOf(dashboard.model).map((v) => v.name));
    const out: ReturnType<DashboardCheck['run']> = [];
    for (const t of targets) {
      for (const name of new Set(t.expanded.variables)) {
        if (defined.has(name) || BUILTIN_VARIABLES.has(name)) continue;
        const at = t.text.search(new RegExp(`\\$\\{?${name}\\b|\\[\\[${name}\\b`));
        out.push({
          path: t.path,
          panel: t.panel,
          message: `the query uses variable "$${name}", which the dashboard does not define`,
          hint: [...defined].length ? `defined: ${[...defined].map((d) => `$${d}`).join(', ')}` : 'add the variable to the dashboard',
          ...(at >= 0 ? { snippet: { text: t.text, from: at, to: at + name.length + 1 } } : {}),
        });
      }
    }
    return out;
  },
};
