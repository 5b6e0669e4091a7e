import { defineCheck } from '../../diagnostics/check.js';
import { at, selectors, type QueryCheck } from './context.js';

/** An `le` matcher must name a real bucket boundary, compared as a number as Prometheus stores it. */
export const leBucket: QueryCheck = {
  check: defineCheck({
    id: 'promql/le-not-bucket',
    severity: 'error',
    title: 'An le matcher equals a declared bucket boundary',
    why: 'le="0.3" on a histogram without a 0.3 bucket selects no series: the SLI or alert built on it reads zero.',
  }),
  run(ctx) {
    const out: ReturnType<QueryCheck['run']> = [];
    for (const { node, info } of selectors(ctx)) {
      for (const m of node.matchers) {
        if (m.name !== 'le' || m.op !== '=') continue;
        if (!info?.buckets) {
          if (info) out.push(at(ctx, m.span ?? node.span, `"${info.name}" has no le label: only a histogram's _bucket series do`));
          continue;
        }
        const bound = m.value === '+Inf' ? Infinity : Number(m.value);
        if (m.value !== '' && (bound === Infinity || info.buckets.includes(bound))) continue;
        out.push(at(ctx, m.span ?? node.span, `le="${m.value}" is not a bucket of "${info.name}"`, `buckets: ${info.buckets.join(', ')}, +Inf`));
      }
    }
    return out;
  },
};
