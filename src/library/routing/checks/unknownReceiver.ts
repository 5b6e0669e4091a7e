import { defineCheck } from '../../diagnostics/check.js';
import type { RootRoute, Route } from '../define.js';
import type { RoutingContext } from './context.js';

export const routingReceiverUnknown = defineCheck({
  id: 'routing/unknown-receiver',
  severity: 'error',
  title: 'Every receiver a route or routing case names is defined, once',
  why: 'Alertmanager refuses to load a config whose route names a missing receiver: every alert would stop notifying at the next reload.',
  refusedBy: 'Alertmanager',
});

export function checkReceiverNamesUnique(ctx: RoutingContext): void {
  const seen = new Set<string>();
  for (const r of ctx.routing.receivers) {
    if (seen.has(r.name)) ctx.report(routingReceiverUnknown, { source: r.source, path: `${r.name}.name` }, `receiver "${r.name}" is defined twice`);
    seen.add(r.name);
  }
}

/** Whether the route's receiver, if it names one, is defined. */
export function checkRouteReceiver(ctx: RoutingContext, route: Route | RootRoute, path: string): boolean {
  if (route.receiver === undefined || ctx.receivers.has(route.receiver)) return true;
  ctx.report(routingReceiverUnknown, ctx.at(`${path}.receiver`), `${path} sends to receiver "${route.receiver}", which is not defined`, `defined receivers: ${[...ctx.receivers.keys()].join(', ')}`);
  return false;
}

/** Whether every receiver a routing case expects is defined. */
export function checkCaseReceivers(ctx: RoutingContext, i: number): boolean {
  const t = ctx.routing.tests[i]!;
  const unknown = t.receivers.filter((r) => !ctx.receivers.has(r));
  if (unknown.length === 0) return true;
  ctx.report(routingReceiverUnknown, ctx.at(`tests[${i}].receivers`), `routing case "${t.name}" expects receiver ${unknown.map((r) => `"${r}"`).join(', ')}, which is not defined`);
  return false;
}
