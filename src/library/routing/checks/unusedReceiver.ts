import { defineCheck } from '../../diagnostics/check.js';
import { allRoutes } from '../evaluate.js';
import type { RoutingContext } from './context.js';

export const routingReceiverUnused = defineCheck({
  id: 'routing/unused-receiver',
  severity: 'warning',
  title: 'Every receiver is reached by some route',
  why: 'A receiver no route reaches is a channel someone believes is watched and that never gets anything.',
});

export function checkUnusedReceivers(ctx: RoutingContext): void {
  const used = new Set(allRoutes(ctx.routing.route).flatMap(({ route }) => (route.receiver === undefined ? [] : [route.receiver])));
  for (const r of ctx.routing.receivers) {
    if (!used.has(r.name)) ctx.report(routingReceiverUnused, { source: r.source, path: `${r.name}.name` }, `no route sends anything to receiver "${r.name}"`);
  }
}
