import { defineCheck } from '../../diagnostics/check.js';
import { didYouMean } from '../../text.js';
import { at, selectors, type QueryCheck } from './context.js';

/** A query that reads a metric nobody exposes returns nothing, and an alert on it never fires. */
export const unknownMetric: QueryCheck = {
  check: defineCheck({
    id: 'promql/unknown-metric',
    severity: 'error',
    title: 'Every selector names a catalog metric, a histogram series or a recording rule',
    why: 'A misspelled or removed metric makes a query silently empty: the alert can never fire and the panel stays blank.',
  }),
  run(ctx) {
    return selectors(ctx).flatMap(({ node, name, info }) => {
      if (!name) return [at(ctx, node.span, 'the selector does not name a metric', 'write the metric name so the query can be checked')];
      if (info) return [];
      const hint = didYouMean(name, ctx.index.names()) ?? 'declare it in the catalog, or add the recording rule that produces it';
      return [at(ctx, node.span, `unknown metric "${name}"`, hint)];
    });
  },
};
