import { defineCheck } from '../../diagnostics/check.js';
import { selectorMetricName, walk } from '../../promql/ast.js';
import { at, type QueryCheck } from './context.js';

const COUNTER_FUNCTIONS = new Set(['rate', 'irate', 'increase', 'resets']);

/** rate() treats every decrease as a counter reset, so on a gauge it invents increases. */
export const rateOnGauge: QueryCheck = {
  check: defineCheck({
    id: 'promql/rate-on-gauge',
    severity: 'error',
    title: 'rate, irate, increase and resets only read counters',
    why: 'Each time a gauge goes down, rate() counts a reset and adds the whole previous value: the result is meaningless and spiky.',
  }),
  run(ctx) {
    const out: ReturnType<QueryCheck['run']> = [];
    walk(ctx.expr, (node) => {
      if (node.type !== 'call' || !COUNTER_FUNCTIONS.has(node.func)) return;
      const arg = node.args[0];
      if (arg?.type !== 'matrix') return;
      const name = selectorMetricName(arg.vector);
      const info = name ? ctx.index.get(name) : undefined;
      if (info?.type !== 'gauge') return;
      const what = info.origin.kind === 'recording' ? 'recording rule' : 'gauge';
      out.push(at(ctx, node.span, `${node.func}() over ${what} "${name}"`, 'use deriv() or delta() for a gauge, or avg_over_time() for its level'));
    });
    return out;
  },
};
