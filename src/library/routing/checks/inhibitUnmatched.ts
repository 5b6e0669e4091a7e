import { defineCheck } from '../../diagnostics/check.js';
import type { LabelRegexps } from '../../semantics.js';
import type { Inhibition } from '../define.js';
import { matchesAll, type AlertMatcher } from '../matchers.js';
import type { RoutedAlert, RoutingContext } from './context.js';

export const routingInhibitUnmatched = defineCheck({
  id: 'routing/inhibit-unmatched',
  severity: 'warning',
  title: 'Both sides of an inhibition match some alert of the project',
  why: 'An inhibition whose source or target matches no alert protects nothing; usually an alert was renamed.',
});

/** Whether an alert could match: a matcher on a label known only at run time may hold. */
function mayMatch(matchers: readonly AlertMatcher[], a: RoutedAlert, regexps: LabelRegexps): boolean {
  return matchers.every((m) => {
    if (!(m.name in a.labels) && (a.runtimeLabels.has(m.name) || (!a.labelsComplete && m.name !== 'alertname' && m.name !== 'severity'))) return true;
    return matchesAll([m], a.labels, regexps);
  });
}

/** The alerts one side of an inhibition may match; none is reported. */
export function inhibitionCandidates(ctx: RoutingContext, inh: Inhibition, i: number, side: 'source' | 'target', matchers: readonly AlertMatcher[]): RoutedAlert[] {
  const candidates = ctx.alerts.filter((a) => mayMatch(matchers, a, ctx.semantics.regexps));
  if (candidates.length === 0) ctx.report(routingInhibitUnmatched, ctx.at(`inhibitions[${i}].${side}`), `the ${side} of inhibition ${i} ("${inh.reason}") matches no alert of the project`);
  return candidates;
}
