import { defineCheck } from '../../diagnostics/check.js';
import { DATASOURCE_VARIABLE } from '../conventions.js';
import { dataPanels, type DashboardCheck } from './context.js';

const USES_VARIABLE = new Set([`\${${DATASOURCE_VARIABLE}}`, `$${DATASOURCE_VARIABLE}`]);

function usesVariable(ref: unknown): boolean {
  if (typeof ref === 'string') return USES_VARIABLE.has(ref);
  if (typeof ref === 'object' && ref !== null) return USES_VARIABLE.has(String((ref as { uid?: unknown }).uid));
  return false;
}

/** The datasource variable is only worth having if every panel and query reads through it. */
export const panelDatasource: DashboardCheck = {
  check: defineCheck({
    id: 'dashboard/panel-datasource',
    severity: 'error',
    title: `Every panel and every query reads through \`\${${DATASOURCE_VARIABLE}}\``,
    why: 'A panel left on the default datasource, or pinned to one uid, silently shows another Prometheus than the rest of the dashboard when the picker changes: two panels side by side describe two different systems.',
  }),
  run({ dashboard }) {
    const out: ReturnType<DashboardCheck['run']> = [];
    for (const { panel, index } of dataPanels(dashboard.model)) {
      if (!usesVariable(panel.datasource)) {
        out.push({ path: `panels[${index}].datasource`, panel: index, message: `panel "${panel.title ?? ''}" does not read through \${${DATASOURCE_VARIABLE}}` });
      }
      (panel.targets ?? []).forEach((t, j) => {
        const ds = (t as { datasource?: unknown }).datasource;
        if (!usesVariable(ds)) out.push({ path: `panels[${index}].targets[${j}].datasource`, panel: index, message: `query ${j + 1} of panel "${panel.title ?? ''}" does not read through \${${DATASOURCE_VARIABLE}}` });
      });
    }
    return out;
  },
};
