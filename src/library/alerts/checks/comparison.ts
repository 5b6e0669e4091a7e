import { defineCheck } from '../../diagnostics/check.js';
import { isComparison, walk } from '../../promql/ast.js';
import type { AlertCheck } from './context.js';

/** Functions whose result is itself the alert condition. */
const CONDITION_FUNCTIONS = new Set(['absent', 'absent_over_time']);

export const alertComparison: AlertCheck = {
  check: defineCheck({
    id: 'alert/comparison',
    severity: 'error',
    title: 'An alert expression compares against a threshold (or uses absent)',
    why: 'Without a comparison every series the query returns is an alert, all the time: the rule fires as soon as the metric exists.',
  }),
  run({ expr }) {
    if (!expr) return [];
    let found = false;
    walk(expr, (node) => {
      if (node.type === 'binary' && isComparison(node.op) && !node.returnBool) found = true;
      if (node.type === 'call' && CONDITION_FUNCTIONS.has(node.func)) found = true;
    });
    if (found) return [];
    return [{ field: 'expr', message: 'the expression has no comparison, so it fires for every series it returns', hint: 'add a threshold: ... > 0.05' }];
  },
};
