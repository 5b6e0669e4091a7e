import { defineCheck } from '../../diagnostics/check.js';
import { dataPanels, type DashboardCheck } from './context.js';

/** A chart with nothing to draw. */
export const noQueries: DashboardCheck = {
  check: defineCheck({
    id: 'dashboard/no-queries',
    severity: 'error',
    title: 'Every panel that draws data has at least one query with an expression',
    why: 'A data panel without a query shows "No data" forever, which readers learn to ignore, including on the day the panel would have mattered.',
  }),
  run({ dashboard }) {
    const out: ReturnType<DashboardCheck['run']> = [];
    for (const { panel, index } of dataPanels(dashboard.model)) {
      const targets = panel.targets ?? [];
      if (targets.length === 0) out.push({ path: `panels[${index}].targets`, panel: index, message: `panel "${panel.title ?? ''}" has no query` });
      targets.forEach((t, j) => {
        const expr = (t as { expr?: unknown }).expr;
        if (typeof expr !== 'string' || !expr.trim()) out.push({ path: `panels[${index}].targets[${j}].expr`, panel: index, message: `query ${j + 1} of panel "${panel.title ?? ''}" has no expression` });
      });
    }
    return out;
  },
};
