import { defineCheck } from '../../diagnostics/check.js';
import type { Inhibition } from '../define.js';
import type { RoutedAlert, RoutingContext } from './context.js';

export const routingInhibitEqual = defineCheck({
  id: 'routing/inhibit-equal',
  severity: 'error',
  title: "An inhibition's equal labels are carried by every alert it can match",
  why: 'Alertmanager reads a missing label as "": an `equal` label absent on both sides silences unrelated alerts, absent on one side the inhibition never applies.',
});

/** Every `equal` label on every alert this side of the inhibition can match. */
export function checkInhibitionEqual(ctx: RoutingContext, inh: Inhibition, i: number, side: 'source' | 'target', candidates: readonly RoutedAlert[]): void {
  for (const label of inh.equal) {
    for (const a of candidates) {
      if (label in a.labels || a.runtimeLabels.has(label) || !a.labelsComplete) continue;
      ctx.report(
        routingInhibitEqual,
        ctx.at(`inhibitions[${i}].equal`),
        `inhibition ${i} ("${inh.reason}") requires equal \`${label}\`, but ${a.name}, which its ${side} matches, never carries it: Alertmanager reads it as "" and ` +
          (side === 'target' ? 'silences it whenever any source without the label fires, or never' : 'it can only silence targets that lack the label too'),
        side === 'target' ? `add ${label}: re('.+') to the target matchers, or exclude ${a.name} from them` : `exclude ${a.name} from the source matchers`,
      );
    }
  }
}
