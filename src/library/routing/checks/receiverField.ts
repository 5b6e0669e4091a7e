import { defineCheck } from '../../diagnostics/check.js';
import { RECEIVER_REQUIREMENTS } from '../receiverRequirements.js';
import type { Receiver } from '../receivers.js';
import type { RoutingContext } from './context.js';
import { receiverEntries } from './receiverEntries.js';

export const routingReceiverField = defineCheck({
  id: 'routing/receiver-field',
  severity: 'error',
  title: 'A receiver sets the fields Alertmanager requires of it',
  why: 'Alertmanager refuses a PagerDuty receiver without a routing or service key, a webhook without a URL, an email receiver without a recipient, sender and smarthost, a Slack receiver without its URL... (lookout writes no global defaults for them), and any receiver kind it does not know; the whole config fails to load.',
  refusedBy: 'Alertmanager',
});

/**
 * Required fields lookout's receivers might leave out (an empty file name, through `extra`, or
 * a receiver written by hand), and receiver kinds Alertmanager does not know; reported at the
 * receiver's definition.
 */
export function checkReceiverFields(ctx: RoutingContext, r: Receiver): void {
  const at = (path: string) => ({ source: r.source, path });
  for (const type of Object.keys(r.config)) {
    const requirements = RECEIVER_REQUIREMENTS[type];
    if (!requirements) {
      ctx.report(routingReceiverField, at(`${r.name}.${type}`), `receiver "${r.name}": Alertmanager 0.25 has no receiver kind \`${type}\``, `use one of ${Object.keys(RECEIVER_REQUIREMENTS).join(', ')}`);
      continue;
    }
    receiverEntries(r.config, type).forEach((entry, i) => {
      for (const p of requirements(entry)) ctx.report(routingReceiverField, at(`${r.name}.${type}[${i}].${p.field}`), `receiver "${r.name}": ${p.message}`, p.hint);
    });
  }
}
