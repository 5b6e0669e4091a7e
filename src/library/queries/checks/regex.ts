import { defineCheck } from '../../diagnostics/check.js';
import { walk } from '../../promql/ast.js';
import { at, type QueryCheck } from './context.js';

/** Regexes in matchers and label_replace must compile as Go (RE2) regexes. */
export const regex: QueryCheck = {
  check: defineCheck({
    id: 'promql/regex',
    severity: 'error',
    title: 'Regular expressions are valid RE2 (Go) syntax',
    why: 'Prometheus rejects a rule file with an invalid regex; lookaheads and backreferences that JavaScript accepts are not RE2.',
    refusedBy: 'Prometheus',
  }),
  run(ctx) {
    const out: ReturnType<QueryCheck['run']> = [];
    const check = (pattern: string, span: Parameters<typeof at>[1]) => {
      // A construct lookout cannot reproduce is not Prometheus refusing the regexp.
      const problem = ctx.semantics.regexps.problem(pattern);
      if (problem?.kind === 'syntax') out.push(at(ctx, span, problem.message));
    };
    walk(ctx.expr, (node) => {
      if (node.type === 'vector') for (const m of node.matchers) if (m.op === '=~' || m.op === '!~') check(m.value, m.span ?? node.span);
      if (node.type === 'call' && node.func === 'label_replace' && node.args[4]?.type === 'string') check(node.args[4].value, node.args[4].span);
    });
    return out;
  },
};
