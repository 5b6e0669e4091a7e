import { defineCheck } from '../../diagnostics/check.js';
import { analyzeTemplate } from '../../../engine/gotemplate/index.js';
import { printPromQL } from '../../promql/print.js';
import { templatedFields, type AlertCheck, type RuleFinding } from './context.js';

const syntax = defineCheck({
  id: 'template/syntax',
  severity: 'error',
  title: 'Templates parse and call only functions Prometheus has',
  why: 'Prometheus refuses the whole rule file when one annotation template does not parse or calls an unknown function.',
});

const unsupported = defineCheck({
  id: 'template/unsupported',
  severity: 'warning',
  title: 'Templates avoid constructs lookout cannot render offline',
  why: 'Templates that run queries cannot be rendered into the generated tests; those alerts are tested without exact annotations.',
});

const labelDropped = defineCheck({
  id: 'template/label-dropped',
  severity: 'error',
  title: 'Templates only use labels the alert expression keeps',
  why: 'After sum by (direction), $labels.reason is always empty: the notification says "reason=" and the responder learns nothing.',
});

function problems(kinds: readonly string[]): AlertCheck['run'] {
  return ({ rule }) => {
    const out: RuleFinding[] = [];
    for (const { field, text } of templatedFields(rule)) {
      for (const p of analyzeTemplate(text).problems) {
        if (kinds.includes(p.kind)) out.push({ field, message: p.message, snippet: { text, from: p.from, to: p.to } });
      }
    }
    return out;
  };
}

/** Template syntax and unknown functions. */
export const templateSyntax: AlertCheck = { check: syntax, run: problems(['syntax', 'unknown-function']) };

/** Constructs lookout cannot render for the generated tests. */
export const templateUnsupported: AlertCheck = { check: unsupported, run: problems(['unsupported']) };

/** `$labels.x` must name a label the expression's result carries (rule labels are not visible). */
export const templateLabels: AlertCheck = {
  check: labelDropped,
  run({ rule, flow, expr }) {
    if (!flow || !flow.complete || !expr) return [];
    const out: RuleFinding[] = [];
    const kept = [...flow.labels.keys()].sort();
    for (const { field, text } of templatedFields(rule)) {
      for (const ref of analyzeTemplate(text).labelRefs) {
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
