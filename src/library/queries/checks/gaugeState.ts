import { defineCheck } from '../../diagnostics/check.js';
import { selectorMetricName, unwrapParens, walk, type Expr } from '../../promql/ast.js';
import { at, type QueryCheck } from './context.js';

function statesOf(expr: Expr, ctx: Parameters<QueryCheck['run']>[0]) {
  const e = unwrapParens(expr);
  if (e.type !== 'vector') return undefined;
  const name = selectorMetricName(e);
  const info = name ? ctx.index.get(name) : undefined;
  return info?.states ? { name: info.name, states: info.states } : undefined;
}

/** `== 2` on an enum gauge must be one of its declared states. */
export const gaugeState: QueryCheck = {
  check: defineCheck({
    id: 'promql/unknown-state',
    severity: 'error',
    title: 'Equality on an enum gauge compares with one of its declared states',
    why: 'An alert on circuit_state == 1 meaning "open" when the service writes 2 for open pages on half-open and never on open.',
  }),
  run(ctx) {
    const out: ReturnType<QueryCheck['run']> = [];
    walk(ctx.expr, (node) => {
      if (node.type !== 'binary' || (node.op !== '==' && node.op !== '!=')) return;
      const pairs: [Expr, Expr][] = [
        [node.lhs, node.rhs],
        [node.rhs, node.lhs],
      ];
      for (const [gaugeSide, numberSide] of pairs) {
        const g = statesOf(gaugeSide, ctx);
        const n = unwrapParens(numberSide);
        if (!g || n.type !== 'number') continue;
        if (Object.values(g.states).includes(n.value)) continue;
        const list = Object.entries(g.states)
          .map(([k, v]) => `${v} ${k}`)
          .join(', ');
        out.push(at(ctx, node.span, `"${g.name}" never equals ${n.value}: its states are ${list}`, 'compare by name with .is(state) in the typed builder'));
      }
    });
    return out;
  },
};
