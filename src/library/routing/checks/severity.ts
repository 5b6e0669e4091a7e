import { defineCheck } from '../../diagnostics/check.js';
import { describeIntent } from '../define.js';
import { routeAlert } from '../evaluate.js';
import type { RoutedAlert, RoutingContext } from './context.js';

export const routingSeverity = defineCheck({
  id: 'routing/severity',
  severity: 'error',
  title: "Every alert reaches only receivers meant for its severity and team",
  why: 'A page that lands in a ticket channel wakes nobody; a ticket that pages wakes someone for nothing. Both are found at 3 a.m. otherwise.',
});

/** The receivers the alert reaches, when each is meant for its severity and team; undefined (and reported) otherwise. */
export function checkAlertReceivers(ctx: RoutingContext, a: RoutedAlert, routeLabels: ReadonlySet<string>): string[] | undefined {
  const { routing, receivers } = ctx;
  const matches = routeAlert(routing.route, a.labels, ctx.semantics.regexps);
  const team = a.labels.team;
  const wrong = matches.filter(({ receiver }) => {
    const r = receivers.get(receiver)!;
    return !r.severities.includes(a.severity) || (r.team !== undefined && team !== undefined && r.team !== team);
  });
  // Routes matching on a label the alert does not carry let it fall through to a parent's receiver:
  // the fix is the alert's label, not the route the alert fell to.
  const missing = [...routeLabels].filter((l) => !(l in a.labels) && l !== 'alertname').sort();
  for (const { receiver, path } of wrong) {
    const r = receivers.get(receiver)!;
    if (missing.length > 0) {
      const names = missing.map((l) => `\`${l}\``).join(', ');
      ctx.report(
        routingSeverity,
        { source: a.source, path: `${a.name}.labels` },
        `${a.name} (severity ${a.severity}) has no ${names} label, which the routes match on: it falls through to receiver "${receiver}" (${path}), which is for ${describeIntent(r)}`,
        `set ${missing.map((l) => `${l}: '...'`).join(', ')} in ${a.name}'s labels`,
      );
      continue;
    }
    ctx.report(
      routingSeverity,
      ctx.at(path),
      `${a.name} (severity ${a.severity}${team ? `, team ${team}` : ''}) reaches receiver "${receiver}" through ${path}, but "${receiver}" is for ${describeIntent(r)}`,
      `route ${a.severity} alerts to a receiver for them (${routing.receivers.filter((x) => x.severities.includes(a.severity)).map((x) => x.name).join(', ') || 'none is defined'}), or change the alert's severity`,
    );
  }
  return wrong.length === 0 ? matches.map((m) => m.receiver) : undefined;
}
