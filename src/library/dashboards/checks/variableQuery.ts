import { defineCheck } from '../../diagnostics/check.js';
import { selectorMetricName } from '../../promql/ast.js';
import { parsePromQL } from '../../promql/parse.js';
import { expandVariables } from './expand.js';
import { variablesOf, type DashboardCheck } from './context.js';

/** `label_values(selector, label)` as Grafana's Prometheus datasource writes it. */
const LABEL_VALUES = /^\s*label_values\(\s*(.*?)\s*,\s*([A-Za-z_][A-Za-z0-9_]*)\s*\)\s*$/s;

/** A picker listing the values of a label no series has offers nothing to pick. */
export const variableQuery: DashboardCheck = {
  check: defineCheck({
    id: 'dashboard/variable-query',
    severity: 'error',
    title: 'Every query variable lists the values of a label that its catalog metric has',
    why: 'A variable over a misspelt metric or label has no values; with "All" selected the panels still match everything, so nobody notices the picker is broken until they need to narrow an incident to one provider.',
  }),
  run({ dashboard, index, scrapeIntervalMs }) {
    const out: ReturnType<DashboardCheck['run']> = [];
    variablesOf(dashboard.model).forEach((v, i) => {
      if (v.type !== 'query') return;
      const path = `templating.list[${i}].query`;
      const text = typeof v.query === 'string' ? v.query : String((v.query as { query?: unknown } | undefined)?.query ?? '');
      const m = LABEL_VALUES.exec(text);
      if (!m) {
        out.push({ path, message: `variable "${v.name}" is not a label_values(selector, label) query: ${JSON.stringify(text)}`, hint: 'build it with labelVariable() so its metric and label are checked' });
        return;
      }
      const parsed = parsePromQL(expandVariables(m[1]!, scrapeIntervalMs).text);
      if (!parsed.ok || parsed.expr.type !== 'vector') {
        out.push({ path, message: `variable "${v.name}" lists the values of ${JSON.stringify(m[1])}, which is not a series selector` });
        return;
      }
      const name = selectorMetricName(parsed.expr);
      const info = name ? index.get(name) : undefined;
      if (!info) {
        out.push({ path, message: `variable "${v.name}" reads unknown metric "${name ?? m[1]}"`, hint: 'name a catalog metric or a recording rule of the project' });
        return;
      }
      const label = m[2]!;
      if (info.labelsComplete && !info.labels.has(label)) {
        out.push({ path, message: `variable "${v.name}" lists label "${label}", which "${name}" does not have`, hint: `its labels: ${[...info.labels.keys()].sort().join(', ')}` });
      }
      for (const matcher of parsed.expr.matchers) {
        if (info.labelsComplete && matcher.name !== '__name__' && !info.labels.has(matcher.name)) {
          out.push({ path, message: `variable "${v.name}" filters on label "${matcher.name}", which "${name}" does not have` });
        }
      }
    });
    return out;
  },
};
