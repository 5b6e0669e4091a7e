import { defineCheck } from '../../diagnostics/check.js';
import type { AlertMatcher } from '../matchers.js';
import type { RoutingContext } from './context.js';

export const routingRegex = defineCheck({
  id: 'routing/matcher-regex',
  severity: 'error',
  title: 'Route and inhibition regexes compile as Alertmanager compiles them',
  why: 'Alertmanager refuses to load a config with a bad regex.',
  refusedBy: 'Alertmanager',
});

/** Whether every regex matcher compiles; one lookout cannot reproduce counts as not compiling, since routes could not be evaluated. */
export function checkMatcherRegexes(ctx: RoutingContext, matchers: readonly AlertMatcher[], path: string): boolean {
  let ok = true;
  for (const m of matchers) {
    if (m.op !== '=~' && m.op !== '!~') continue;
    const problem = ctx.semantics.regexps.problem(m.value);
    if (!problem) continue;
    ok = false;
    ctx.report(routingRegex, ctx.at(`${path}.${m.name}`), `${m.name}${m.op}"${m.value}": ${problem.message}`);
  }
  return ok;
}
