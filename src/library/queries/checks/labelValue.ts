import { defineCheck } from '../../diagnostics/check.js';
import { didYouMean } from '../../text.js';
import { at, selectors, type QueryCheck } from './context.js';

/** A matcher on a closed-set label must be able to match one of the declared values. */
export const labelValue: QueryCheck = {
  check: defineCheck({
    id: 'promql/unknown-label-value',
    severity: 'error',
    title: 'Matchers on closed-set labels can match a declared value',
    why: 'status="5xx" against a label whose values are "500", "502", ... matches nothing, so the alert never fires.',
  }),
  run(ctx) {
    const out: ReturnType<QueryCheck['run']> = [];
    for (const { node, info } of selectors(ctx)) {
      if (!info) continue;
      for (const m of node.matchers) {
        if (m.name === 'le') continue; // bucket bounds have their own check
        const values = info.labels.get(m.name);
        if (!values) continue;
        if (m.op === '=' && !values.includes(m.value)) {
          const hint = didYouMean(m.value, values) ?? `declared values: ${values.join(', ')}`;
          out.push(at(ctx, m.span ?? node.span, `"${m.value}" is not a value of label "${m.name}" on "${info.name}"`, hint));
        }
        if (m.op === '=~') {
          let matchesNone: boolean;
          try {
            matchesNone = !values.some((v) => ctx.semantics.regexps.matches(m, v));
          } catch {
            continue; // an invalid regex is promql/regex's to report
          }
          if (matchesNone) {
            out.push(at(ctx, m.span ?? node.span, `/${m.value}/ matches none of the values of label "${m.name}" on "${info.name}"`, `declared values: ${values.join(', ')}`));
          }
        }
      }
    }
    return out;
  },
};
