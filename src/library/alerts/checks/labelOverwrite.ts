import { defineCheck } from '../../diagnostics/check.js';
import type { AlertCheck, RuleFinding } from './context.js';

/**
 * A static rule label that replaces a label the query keeps, when the query can carry more
 * than that one value: two series told apart only by that label become one alert identity,
 * and Prometheus fails the whole rule ("vector contains metrics with the same labelset after
 * applying alert labels"). Templated values are left alone: they usually copy the label.
 */
export const alertLabelOverwrite: AlertCheck = {
  check: defineCheck({
    id: 'alert/label-overwrites-series',
    severity: 'error',
    title: 'Rule labels do not overwrite a label the alert expression keeps',
    why: 'A routing label such as team: platform on a query that keeps the customer\'s team label erases it: two teams alerting at once collide, and Prometheus drops the rule\'s evaluation with "same labelset after applying alert labels".',
  }),
  run({ rule, flow }) {
    if (!flow) return [];
    const out: RuleFinding[] = [];
    for (const [name, value] of Object.entries(rule.labels)) {
      if (value.includes('{{') || !flow.labels.has(name)) continue;
      const kept = flow.labels.get(name);
      if (kept !== undefined && kept.length === 1 && kept[0] === value) continue;
      const values = kept === undefined ? 'any value' : kept.map((v) => `"${v}"`).join(', ');
      out.push({
        field: `labels.${name}`,
        message: `label "${name}" replaces the "${name}" label of the expression's series (${values})`,
        hint: `copy the series' label to another name with label_replace, or rename this one`,
      });
    }
    return out;
  },
};
