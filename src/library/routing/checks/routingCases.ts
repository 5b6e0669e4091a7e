import { defineCheck } from '../../diagnostics/check.js';
import { routeAlert } from '../evaluate.js';
import type { RoutingContext } from './context.js';
import { checkCaseReceivers } from './unknownReceiver.js';

export const routingTest = defineCheck({
  id: 'routing/test',
  severity: 'error',
  title: 'Hand-written routing cases reach exactly their receivers',
  why: 'A routing case pins who gets told about what; a route change that moves it must be deliberate.',
});

export function checkRoutingCases(ctx: RoutingContext): void {
  ctx.routing.tests.forEach((t, i) => {
    if (!checkCaseReceivers(ctx, i)) return;
    const got = routeAlert(ctx.routing.route, t.labels, ctx.semantics.regexps).map((m) => m.receiver);
    if (got.join(',') !== t.receivers.join(',')) {
      ctx.report(routingTest, ctx.at(`tests[${i}]`), `routing case "${t.name}" expects ${t.receivers.join(', ')} but the routes send it to ${got.join(', ')}`);
    }
  });
}
