import { defineCheck } from '../../diagnostics/check.js';
import { formatDuration } from '../../duration.js';
import { walk } from '../../promql/ast.js';
import { at, type QueryCheck } from './context.js';

/** rate() needs two samples in its window; a window under two scrape intervals often has one. */
export const rangeTooShort: QueryCheck = {
  check: defineCheck({
    id: 'promql/range-too-short',
    severity: 'error',
    title: 'Every range spans at least two scrape intervals (two steps for subqueries)',
    why: 'With fewer than two samples in the window rate() returns nothing, so the alert or panel goes blank exactly when scrapes are late.',
  }),
  run(ctx) {
    const out: ReturnType<QueryCheck['run']> = [];
    const minimum = 2 * ctx.scrapeIntervalMs;
    walk(ctx.expr, (node) => {
      if (node.type === 'matrix' && node.rangeMs < minimum) {
        out.push(
          at(ctx, node.span, `range [${formatDuration(node.rangeMs)}] is shorter than two scrape intervals (${formatDuration(minimum)})`, `use at least [${formatDuration(Math.max(minimum * 2, 60_000))}]`),
        );
      }
      if (node.type === 'subquery') {
        const step = node.stepMs ?? ctx.evaluationIntervalMs;
        if (node.rangeMs < 2 * step) {
          out.push(at(ctx, node.span, `subquery range ${formatDuration(node.rangeMs)} holds fewer than two steps of ${formatDuration(step)}`));
        }
      }
    });
    return out;
  },
};
