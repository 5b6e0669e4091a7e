import { defineCheck } from '../../diagnostics/check.js';
import { parseDuration } from '../../duration.js';
import { allRoutes } from '../evaluate.js';
import type { RoutingContext } from './context.js';

export const routingInterval = defineCheck({
  id: 'routing/interval',
  severity: 'error',
  title: 'A route\'s group_interval and repeat_interval are longer than zero',
  why: 'amtool check-config and Alertmanager refuse a zero group_interval or repeat_interval: the whole config fails to load, and every alert stops notifying at the next reload.',
  refusedBy: 'Alertmanager',
});

/** A zero group_interval or repeat_interval on any route. */
export function checkIntervals(ctx: RoutingContext): void {
  for (const { route, path } of allRoutes(ctx.routing.route)) {
    for (const field of ['groupInterval', 'repeatInterval'] as const) {
      const value = route[field];
      if (value !== undefined && parseDuration(value) === 0) {
        ctx.report(routingInterval, ctx.at(`${path}.${field}`), `${field} ${value} is zero, which Alertmanager refuses`, field === 'groupInterval' ? 'the usual value is 5m' : 'the usual value is 4h; to never repeat, use a long interval such as 1y');
      }
    }
  }
}
