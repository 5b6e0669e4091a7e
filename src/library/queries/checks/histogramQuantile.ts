import { defineCheck } from '../../diagnostics/check.js';
import { selectorMetricName, walk } from '../../promql/ast.js';
import { inferLabels } from '../labels.js';
import { at, type QueryCheck } from './context.js';

/** histogram_quantile only works on `_bucket` series aggregated with `le` kept. */
export const histogramQuantile: QueryCheck = {
  check: defineCheck({
    id: 'promql/histogram-quantile',
    severity: 'error',
    title: 'histogram_quantile reads _bucket series, keeps le, and asks for a quantile in [0, 1]',
    why: 'Aggregating the le label away, or feeding _count or _sum, makes histogram_quantile return nothing or NaN.',
  }),
  run(ctx) {
    const out: ReturnType<QueryCheck['run']> = [];
    walk(ctx.expr, (node) => {
      if (node.type !== 'call' || node.func !== 'histogram_quantile') return;
      const [q, buckets] = node.args;
      if (q?.type === 'number' && !(q.value >= 0 && q.value <= 1)) {
        out.push(at(ctx, q.span, `quantile ${q.value} is outside [0, 1]`));
      }
      if (!buckets) return;
      const flow = inferLabels(buckets, ctx.index);
      if (flow.complete && !flow.labels.has('le')) {
        out.push(at(ctx, buckets.span, 'the buckets passed to histogram_quantile no longer carry the le label', 'aggregate with by (le, ...) or without (...) keeping le'));
      }
      walk(buckets, (inner) => {
        if (inner.type !== 'vector') return;
        const name = selectorMetricName(inner);
        const info = name ? ctx.index.get(name) : undefined;
        if (!info || info.origin.kind === 'recording' || info.buckets) return;
        out.push(at(ctx, inner.span, `histogram_quantile over "${name}", which is not a histogram's _bucket series`));
      });
    });
    return out;
  },
};
