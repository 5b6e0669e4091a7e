import { defineCheck } from '../../diagnostics/check.js';
import { didYouMean } from '../../text.js';
import { walk, type Expr, type Span } from '../../promql/ast.js';
import { inferLabels } from '../labels.js';
import { at, selectors, type QueryCheck, type QueryContext } from './context.js';

/**
 * Label names in matchers, `by`/`without`, `on`/`ignoring` and `group_left` must exist on
 * the series they apply to.
 */
export const unknownLabel: QueryCheck = {
  check: defineCheck({
    id: 'promql/unknown-label',
    severity: 'error',
    title: 'Every label a query names exists on the series it applies to',
    why: 'A matcher on a label that does not exist matches nothing (or everything, for !=); grouping by it silently merges all series.',
  }),
  run(ctx) {
    const out: ReturnType<QueryCheck['run']> = [];
    const report = (label: string, where: string, labels: Iterable<string>, span: Span | undefined) => {
      // Read the names once: a Map's keys() iterator is spent after didYouMean walks it.
      const known = [...labels];
      const hint = didYouMean(label, known) ?? `labels here: ${known.sort().join(', ') || '(none)'}`;
      out.push(at(ctx, span, `label "${label}" does not exist on ${where}`, hint));
    };
    for (const { node, info } of selectors(ctx)) {
      if (!info || !info.labelsComplete) continue;
      for (const m of node.matchers) {
        if (m.name === '__name__' || info.labels.has(m.name)) continue;
        report(m.name, `"${info.name}"`, info.labels.keys(), m.span ?? node.span);
      }
    }
    walk(ctx.expr, (node) => {
      if (node.type === 'aggregate' && node.grouping) {
        checkNames(ctx, node.expr, node.grouping.labels, `the input of ${node.op}`, node.span, report);
      } else if (node.type === 'binary' && node.matching) {
        const m = node.matching;
        checkNames(ctx, node.lhs, m.labels, `the left side of ${node.op}`, node.span, report);
        checkNames(ctx, node.rhs, m.labels, `the right side of ${node.op}`, node.span, report);
        const one = m.card === 'one-to-many' ? node.lhs : node.rhs;
        checkNames(ctx, one, m.include, `the "one" side of ${node.op}`, node.span, report);
      }
    });
    return out;
  },
};

type Report = (label: string, where: string, known: Iterable<string>, span: Span | undefined) => void;

function checkNames(ctx: QueryContext, input: Expr, names: readonly string[], where: string, span: Span | undefined, report: Report): void {
  const flow = inferLabels(input, ctx.index);
  if (!flow.complete) return;
  for (const label of names) if (!flow.labels.has(label)) report(label, where, flow.labels.keys(), span);
}
