import { defineCheck } from '../../diagnostics/check.js';
import type { Expr } from '../../promql/ast.js';
import { at, selectors, type QueryCheck } from './context.js';

/** Range functions that read a counter's increments rather than its raw value. */
const COUNTER_RANGE_FUNCTIONS = new Set(['rate', 'irate', 'increase', 'resets', 'absent_over_time', 'present_over_time', 'count_over_time']);
/** Functions and aggregations that only look at whether a series exists. */
const EXISTENCE_FUNCTIONS = new Set(['absent', 'timestamp']);
const EXISTENCE_AGGREGATIONS = new Set(['count', 'group']);

function parentOf(ancestors: readonly Expr[], depth: number): Expr | undefined {
  let seen = 0;
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const a = ancestors[i]!;
    if (a.type === 'paren') continue;
    if (++seen === depth) return a;
  }
  return undefined;
}

/** A counter's raw value only grows and drops to zero on restart: compare its rate instead. */
export const counterRate: QueryCheck = {
  check: defineCheck({
    id: 'promql/counter-without-rate',
    severity: 'error',
    title: 'Counters are only read through rate, irate, increase or resets',
    why: 'A raw counter value depends on how long the process has been up: a threshold on it fires after enough uptime and clears on every restart.',
  }),
  run(ctx) {
    const out: ReturnType<QueryCheck['run']> = [];
    for (const { node, name, info, ancestors } of selectors(ctx)) {
      if (info?.type !== 'counter') continue;
      const parent = parentOf(ancestors, 1);
      const grand = parentOf(ancestors, 2);
      if ((parent?.type === 'matrix' || parent?.type === 'subquery') && grand?.type === 'call' && COUNTER_RANGE_FUNCTIONS.has(grand.func)) continue;
      if (parent?.type === 'call' && EXISTENCE_FUNCTIONS.has(parent.func)) continue;
      if (parent?.type === 'aggregate' && EXISTENCE_AGGREGATIONS.has(parent.op)) continue;
      const usedIn = parent?.type === 'matrix' && grand?.type === 'call' ? ` inside ${grand.func}()` : '';
      out.push(
        at(ctx, node.span, `counter "${name}" is used without rate()${usedIn}`, `use rate(${name}[5m]) or increase(${name}[1h]) and compare that`),
      );
    }
    return out;
  },
};
