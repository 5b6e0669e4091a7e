import { defineCheck } from '../../diagnostics/check.js';
import { walk } from '../../promql/ast.js';
import { AGGREGATIONS_NOT_IN_242, FUNCTION_SIGNATURES } from '../../promql/functionSignatures.js';
import { at, type QueryCheck } from './context.js';

/**
 * The grammar lookout parses with is Prometheus 3's; the Prometheus that runs the rules is
 * Debian's 2.42, whose parser refuses the functions and aggregations added since.
 */
export const newerThanPrometheus: QueryCheck = {
  check: defineCheck({
    id: 'promql/newer-than-prometheus',
    severity: 'error',
    title: 'Every function and aggregation exists in Prometheus 2.42',
    why: 'promtool and Prometheus 2.42 refuse a rule file that calls a function added later (sort_by_label, histogram_avg, limitk…): the whole file fails to load.',
  }),
  run(ctx) {
    const out: ReturnType<QueryCheck['run']> = [];
    walk(ctx.expr, (node) => {
      if (node.type === 'call' && FUNCTION_SIGNATURES.get(node.func)?.in242 !== true) {
        out.push(at(ctx, node.span, `function "${node.func}" does not exist in Prometheus 2.42`));
      }
      if (node.type === 'aggregate' && AGGREGATIONS_NOT_IN_242.has(node.op)) {
        out.push(at(ctx, node.span, `aggregation "${node.op}" does not exist in Prometheus 2.42`));
      }
    });
    return out;
  },
};
