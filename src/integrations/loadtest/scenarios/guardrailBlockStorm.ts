import type { Scenario } from '../scenario.js';
import { CLIENT_PAGES_QUIET, EVERYDAY_TRAFFIC, MINUTE_PER_SECOND, NO_PAGE, tickets } from './common.js';

const STORM = 'half the prompts carry a secret';

/**
 * A client's runtime starts pasting an API secret into half its prompts, at 30 requests a
 * second: the `secret-key` guardrail blocks 15 a second with a 400, over the rule's 10 a
 * second. A block storm is a ticket (a customer's misbehaving runtime, or a policy regression),
 * never a page, and blocked requests are the client's errors, not the gateway's: no SLO moves.
 */
export const guardrailBlockStorm: Scenario = {
  name: 'guardrail-block-storm',
  description: 'After a 20 s warm-up, 30 rps of which half carry an API secret: the secret-key guardrail blocks 15/s, a block-spike ticket, no page.',
  ...MINUTE_PER_SECOND,
  durationMs: 75_000,
  traffic: EVERYDAY_TRAFFIC,
  phases: [{ atMs: 20_000, label: STORM, actions: [{ kind: 'traffic', change: { ratePerSecond: 30, blockedShare: 0.5 } }] }],
  expectations: [
    // 5m window, 5m `for`: 5 s each here, plus the ticket route's group wait.
    tickets('GatewayGuardrailBlockSpike', STORM, 25_000, { policy: 'secret-key' }),
    { kind: 'quiet', alertname: 'GatewayGuardrailBlockSpike', labels: { policy: 'pii-email' } },
    { kind: 'quiet', alertname: 'GatewayPolicyLatencyBudgetBurn' },
    ...CLIENT_PAGES_QUIET,
    NO_PAGE,
  ],
};
