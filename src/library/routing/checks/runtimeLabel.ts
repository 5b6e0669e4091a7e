import { defineCheck } from '../../diagnostics/check.js';
import type { RoutedAlert, RoutingContext } from './context.js';

export const routingRuntimeLabel = defineCheck({
  id: 'routing/runtime-label',
  severity: 'warning',
  title: 'Routes match on labels whose value is known before the alert fires',
  why: 'A route on a label the query fills at run time cannot be checked or tested ahead of time; the alert gets no generated route test.',
});

/** Whether the alert's routing can be known ahead of time: false (and reported) when a route matches on a label its series fill. */
export function checkRuntimeLabels(ctx: RoutingContext, a: RoutedAlert, routeLabels: ReadonlySet<string>): boolean {
  const runtime = [...routeLabels].filter((l) => a.runtimeLabels.has(l));
  if (runtime.length === 0) return true;
  ctx.report(
    routingRuntimeLabel,
    { source: a.source, path: `${a.name}.labels` },
    `the routes match on ${runtime.map((l) => `\`${l}\``).join(', ')}, which ${a.name} gets from its series at run time: its routing is not checked ahead of time`,
    'route on static labels (severity, team) set on the alert',
  );
  return false;
}
