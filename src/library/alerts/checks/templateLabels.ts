import { defineCheck } from '../../diagnostics/check.js';
import { printPromQL } from '../../promql/print.js';
import { templatedFields, type AlertCheck, type RuleFinding } from './context.js';

/** `$labels.x` must name a label the expression's result carries (rule labels are not visible). */
export const templateLabels: AlertCheck = {
  check: defineCheck({
    id: 'template/label-dropped',
    severity: 'error',
    title: 'Templates only use labels the alert expression keeps',
    why: 'After sum by (direction), $labels.reason is always empty: the notification says "reason=" and the responder learns nothing.',
  }),
  run({ rule, flow, expr, semantics }) {
    if (!flow || !flow.complete || !expr) return [];
    const out: RuleFinding[] = [];
    const kept = [...flow.labels.keys()].sort();
    for (const { field, text } of templatedFields(rule)) {
      for (const ref of semantics.templates.analyze(text).labelRefs) {
        if (flow.labels.has(ref.name)) continue;
        const ruleLabel = Object.hasOwn(rule.labels, ref.name) ? ` ("${ref.name}" is a rule label; templates only see the series' labels)` : '';
        out.push({
          field,
          message: `$labels.${ref.name} is always empty: the expression's result has no "${ref.name}" label${ruleLabel}`,
          hint: kept.length ? `labels kept by ${shorten(printPromQL(expr))}: ${kept.join(', ')}` : 'the expression aggregates every label away',
          snippet: { text, from: ref.from, to: ref.to },
        });
      }
    }
    return out;
  },
};

function shorten(text: string): string {
  return text.length > 100 ? `${text.slice(0, 97)}...` : text;
}
