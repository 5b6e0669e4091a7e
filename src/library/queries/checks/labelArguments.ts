import { defineCheck } from '../../diagnostics/check.js';
import { walk } from '../../promql/ast.js';
import { LABEL_NAME } from '../../promql/labelName.js';
import { at, type QueryCheck } from './context.js';

/**
 * The label names label_replace and label_join write (and label_join reads) are valid names.
 * Prometheus parses such a query and fails only when it evaluates it, so promtool check rules
 * accepts the file while every evaluation of the rule errors, and promtool test rules fails
 * every test of its group.
 */
export const labelArguments: QueryCheck = {
  check: defineCheck({
    id: 'promql/label-argument',
    severity: 'error',
    title: 'label_replace and label_join name valid labels',
    why: 'An invalid destination or source label name is an error at every evaluation of the rule: it never produces a result, and promtool test rules fails on it.',
  }),
  run(ctx) {
    const out: ReturnType<QueryCheck['run']> = [];
    walk(ctx.expr, (node) => {
      if (node.type !== 'call' || (node.func !== 'label_replace' && node.func !== 'label_join')) return;
      node.args.forEach((arg, i) => {
        const role = i === 1 ? 'destination' : node.func === 'label_join' && i >= 3 ? 'source' : undefined;
        if (role && arg.type === 'string' && !LABEL_NAME.test(arg.value)) {
          out.push(at(ctx, arg.span, `${node.func}() ${role} label "${arg.value}" is not a valid label name (letters, digits and _, not starting with a digit): Prometheus fails every evaluation of this rule`));
        }
      });
    });
    return out;
  },
};
