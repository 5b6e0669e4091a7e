import { defineCheck } from '../../diagnostics/check.js';
import { GRID_COLUMNS } from '../conventions.js';
import { panelsOf, type DashboardCheck } from './context.js';

/** Panels must each have their own id and their own place on the grid. */
export const layout: DashboardCheck = {
  check: defineCheck({
    id: 'dashboard/layout',
    severity: 'error',
    title: 'Panel ids are unique and panels fit the 24-column grid without overlapping',
    why: 'Two panels with one id break `viewPanel` links and panel edits (Grafana edits the first); overlapping or over-wide grid positions are rearranged by Grafana on load, so the dashboard reviewed is not the one shown.',
  }),
  run({ dashboard }) {
    const out: ReturnType<DashboardCheck['run']> = [];
    const ids = new Map<number, number>();
    const placed: { index: number; x: number; y: number; w: number; h: number }[] = [];
    for (const { panel, index } of panelsOf(dashboard.model)) {
      if (panel.id === undefined) out.push({ path: `panels[${index}].id`, panel: index, message: `panel "${panel.title ?? ''}" has no id` });
      else if (ids.has(panel.id)) out.push({ path: `panels[${index}].id`, panel: index, message: `panel "${panel.title ?? ''}" has id ${panel.id}, like panels[${ids.get(panel.id)}]` });
      else ids.set(panel.id, index);
      const g = panel.gridPos;
      if (!g) {
        out.push({ path: `panels[${index}].gridPos`, panel: index, message: `panel "${panel.title ?? ''}" has no grid position` });
        continue;
      }
      if (g.x < 0 || g.w < 1 || g.x + g.w > GRID_COLUMNS) {
        out.push({ path: `panels[${index}].gridPos`, panel: index, message: `panel "${panel.title ?? ''}" spans columns ${g.x} to ${g.x + g.w}, outside the ${GRID_COLUMNS}-column grid` });
      }
      const overlap = placed.find((p) => p.x < g.x + g.w && g.x < p.x + p.w && p.y < g.y + g.h && g.y < p.y + p.h);
      if (overlap) out.push({ path: `panels[${index}].gridPos`, panel: index, message: `panel "${panel.title ?? ''}" overlaps panels[${overlap.index}]` });
      placed.push({ index, ...g });
    }
    return out;
  },
};
