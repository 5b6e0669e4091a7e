import { defineCheck } from '../../diagnostics/check.js';
import type { RootRoute, Route } from '../define.js';
import type { RoutingContext } from './context.js';

export const routingTimeInterval = defineCheck({
  id: 'routing/unknown-time-interval',
  severity: 'error',
  title: 'Routes mute or activate only on defined time intervals',
  why: 'Alertmanager refuses a config that names a missing time interval.',
  refusedBy: 'Alertmanager',
});

export function checkRouteTimeIntervals(ctx: RoutingContext, route: Route | RootRoute, path: string): void {
  const r = route as { muteTimeIntervals?: readonly string[]; activeTimeIntervals?: readonly string[] };
  for (const field of ['muteTimeIntervals', 'activeTimeIntervals'] as const) {
    for (const name of r[field] ?? []) {
      if (!(name in ctx.routing.timeIntervals)) ctx.report(routingTimeInterval, ctx.at(`${path}.${field}`), `${path} names time interval "${name}", which is not defined`);
    }
  }
}
