import { defineCheck } from '../../diagnostics/check.js';
import { allRoutes } from '../evaluate.js';
import type { RoutingContext } from './context.js';
import { invalidLabelNames } from './labelNames.js';

export const routingGroupBy = defineCheck({
  id: 'routing/group-by',
  severity: 'error',
  title: 'groupBy lists valid label names, each once, or `...` alone',
  why: 'Alertmanager refuses a group_by that mixes `...` with labels, repeats a label or names an invalid one; the whole config fails to load.',
  refusedBy: 'Alertmanager',
});

/** Every route's groupBy: `...` alone, no label twice, only valid label names. */
export function checkGroupBy(ctx: RoutingContext): void {
  for (const { route, path } of allRoutes(ctx.routing.route)) {
    const groupBy = route.groupBy;
    if (!Array.isArray(groupBy)) continue;
    const at = ctx.at(`${path}.groupBy`);
    if (groupBy.includes('...') && groupBy.length > 1) ctx.report(routingGroupBy, at, "'...' (group by every label) cannot be listed with other labels", "write groupBy: '...' alone, or list the labels");
    const seen = new Set<string>();
    for (const label of groupBy) {
      if (seen.has(label)) ctx.report(routingGroupBy, at, `label "${label}" is listed twice`);
      seen.add(label);
    }
    for (const f of invalidLabelNames(groupBy.filter((l) => l !== '...'), `${path}.groupBy`, 'group by')) ctx.report(routingGroupBy, at, f.message, f.hint);
  }
}
