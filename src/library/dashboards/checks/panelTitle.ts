import { defineCheck } from '../../diagnostics/check.js';
import { panelsOf, type DashboardCheck } from './context.js';

/** A panel without a title cannot be named in an incident channel, a runbook or a review. */
export const panelTitle: DashboardCheck = {
  check: defineCheck({
    id: 'dashboard/panel-title',
    severity: 'error',
    title: 'Every panel and row has a title, and the dashboard has a title and a description',
    why: 'An untitled panel is a chart nobody can point at ("the third graph on the left"), and a dashboard without a description leaves the reader guessing what question it answers.',
  }),
  run({ dashboard }) {
    const out: ReturnType<DashboardCheck['run']> = [];
    if (!dashboard.model.title?.trim()) out.push({ path: 'title', message: 'the dashboard has no title' });
    if (!dashboard.model.description?.trim()) out.push({ path: 'description', message: 'the dashboard has no description', hint: 'say in a sentence what question the dashboard answers and for whom' });
    for (const { panel, index } of panelsOf(dashboard.model)) {
      if (!panel.title?.trim()) out.push({ path: `panels[${index}].title`, panel: index, message: `the ${panel.type} panel at panels[${index}] has no title` });
    }
    return out;
  },
};
