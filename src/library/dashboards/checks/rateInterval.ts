import { defineCheck } from '../../diagnostics/check.js';
import { walk } from '../../promql/ast.js';
import { rateIntervalMs } from './expand.js';
import type { DashboardCheck } from './context.js';

const RATE_FUNCTIONS = new Set(['rate', 'irate']);

/** A fixed rate window is too short when zoomed out and too coarse when zoomed in. */
export const rateInterval: DashboardCheck = {
  check: defineCheck({
    id: 'dashboard/rate-interval',
    severity: 'error',
    title: 'Every rate() and irate() in a panel uses `$__rate_interval`',
    why: 'A fixed window such as [5m] skips samples when the dashboard is zoomed out to a week (points are further apart than the window) and draws a gap or a spike-free lie; `$__rate_interval` is always at least four scrapes and one step wide.',
  }),
  run({ targets, scrapeIntervalMs }) {
    const out: ReturnType<DashboardCheck['run']> = [];
    for (const t of targets) {
      if (!t.expr) continue;
      walk(t.expr, (node) => {
        if (node.type !== 'call' || !RATE_FUNCTIONS.has(node.func)) return;
        const arg = node.args[0];
        if (arg?.type !== 'matrix' || arg.rangeMs === rateIntervalMs(scrapeIntervalMs)) return;
        const span = arg.span ?? node.span;
        const f: ReturnType<DashboardCheck['run']>[number] = {
          path: t.path,
          panel: t.panel,
          message: `${node.func}() over a fixed window in a panel query`,
          hint: `write ${node.func}(...[$__rate_interval]) (rateInterval in a typed query)`,
        };
        if (span) f.snippet = { text: t.text, from: t.expanded.toOriginal(span.from), to: t.expanded.toOriginal(span.to) };
        out.push(f);
      });
    }
    return out;
  },
};
