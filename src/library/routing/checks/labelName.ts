import { defineCheck } from '../../diagnostics/check.js';
import type { Route } from '../define.js';
import { allRoutes } from '../evaluate.js';
import type { RoutingContext } from './context.js';
import { invalidLabelNames } from './labelNames.js';

export const routingLabelName = defineCheck({
  id: 'routing/label-name',
  severity: 'error',
  title: 'Route and inhibition matchers and `equal` name valid label names',
  why: 'Alertmanager 0.25 refuses a matcher or an inhibition `equal` on a name that is not [a-zA-Z_][a-zA-Z0-9_]*; the whole config fails to load.',
  refusedBy: 'Alertmanager',
});

/** Label names in every route's matchers, then in each inhibition's matchers and `equal`. */
export function checkLabelNames(ctx: RoutingContext): void {
  const findings = allRoutes(ctx.routing.route).flatMap(({ route, path }) => ('matchers' in route ? invalidLabelNames(Object.keys((route as Route).matchers), `${path}.matchers`, 'matcher on') : []));
  ctx.routing.inhibitions.forEach((inh, i) => {
    const path = `inhibitions[${i}]`;
    findings.push(
      ...invalidLabelNames(Object.keys(inh.source), `${path}.source`, 'matcher on'),
      ...invalidLabelNames(Object.keys(inh.target), `${path}.target`, 'matcher on'),
      ...invalidLabelNames(inh.equal, `${path}.equal`, 'equal label'),
    );
  });
  for (const f of findings) ctx.report(routingLabelName, ctx.at(f.path), f.message, f.hint);
}
