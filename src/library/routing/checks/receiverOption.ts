import { defineCheck } from '../../diagnostics/check.js';
import { didYouMean } from '../../text.js';
import type { Receiver } from '../receivers.js';
import type { RoutingContext } from './context.js';

export const routingReceiverOption = defineCheck({
  id: 'routing/receiver-option',
  severity: 'error',
  title: 'A receiver builder is given only the options it reads',
  why: "pagerduty(), slack(), webhook() and discard() write the options they know into Alertmanager's config and nothing else: a misspelt option past the types (a spread, a cast, a value built at run time) would be dropped without a word, and a `sendResolved` that is no boolean is written as a string Alertmanager refuses or misreads. Alertmanager fields lookout does not model go in `extra`.",
});

/** Options a receiver builder did not read, and a `sendResolved` that is no boolean; at the receiver's definition. */
export function checkReceiverOptions(ctx: RoutingContext, r: Receiver): void {
  if (!r.misread) return;
  const at = (option: string) => ({ source: r.source, path: `${r.name}.${option}` });
  for (const option of r.misread.unknown) {
    const hint = [didYouMean(option, r.misread.known), r.misread.known.includes('extra') ? 'Alertmanager fields lookout does not model go in `extra`' : undefined].filter(Boolean).join('; ');
    ctx.report(routingReceiverOption, at(option), `receiver "${r.name}": no option \`${option}\`: it would be left out of alertmanager.yml`, hint || undefined);
  }
  if (r.misread.sendResolved !== undefined) {
    ctx.report(routingReceiverOption, at('sendResolved'), `receiver "${r.name}": sendResolved must be true or false, not ${r.misread.sendResolved}`);
  }
}
