import { defineCheck } from '../../diagnostics/check.js';
import { dataPanels, UNIT_PANEL_TYPES, type DashboardCheck } from './context.js';

/** 0.05 of what? A number without a unit is read wrong, at the worst moment. */
export const panelUnit: DashboardCheck = {
  check: defineCheck({
    id: 'dashboard/panel-unit',
    severity: 'error',
    title: 'Every panel that draws numbers sets a unit (`none` counts, when chosen)',
    why: 'Without a unit Grafana prints 0.05 for a 5% error ratio and 0.2 for 200 ms: readers misjudge severity by orders of magnitude during an incident.',
  }),
  run({ dashboard }) {
    return dataPanels(dashboard.model)
      .filter(({ panel }) => UNIT_PANEL_TYPES.has(panel.type) && !panel.fieldConfig?.defaults?.unit)
      .map(({ panel, index }) => ({
        path: `panels[${index}].fieldConfig.defaults.unit`,
        panel: index,
        message: `panel "${panel.title ?? ''}" sets no unit`,
        hint: "set unit: 'percentunit', 's', 'reqps', 'currencyUSD', 'short', ... ('none' for a plain count)",
      }));
  },
};
