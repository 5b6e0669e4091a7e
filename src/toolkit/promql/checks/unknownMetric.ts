import { defineCheck } from '../../diagnostics/check.js';
import { didYouMean } from '../../text.js';
import { selectorMetricName, walk } from '../ast.js';
import { at, type QueryCheck } from './context.js';

/** A query that reads a metric nobody exposes returns nothing, and an alert on it never fires. */
export const unknownMetric: QueryCheck = {
  check: defineCheck({
    id: 'promql/unknown-metric',
    severity: 'error',
    title: 'Every selector names a catalog metric, a histogram series or a recording rule',
    why: 'A misspelled or removed metric makes a query silently empty: the alert can never fire and the panel stays blank.',
  }),
  run(ctx) {
    const out: ReturnType<QueryCheck['run']> = [];
    walk(ctx.expr, (node) => {
      if (node.type !== 'vector') return;
      const name = selectorMetricName(node);
      if (!name) {
        out.push(at(ctx, node.span, 'the selector does not name a metric', 'write the metric name so the query can be checked'));
        return;
      }
      if (ctx.index.get(name)) return;
      const hint = didYouMean(name, ctx.index.names()) ?? 'declare it in the catalog, or add the recording rule that produces it';
      out.push(at(ctx, node.span, `unknown metric "${name}"`, hint));
    });
    return out;
  },
};
