import type { Scenario } from '../scenario.js';
import { EVERYDAY_TRAFFIC, MINUTE_PER_SECOND, pages, tickets } from './common.js';

const SLOW = 'provider-a slow';

/**
 * provider-a starts answering after 8.5 s (p99 9.5 s, under its 10 s timeout) while
 * provider-b stays fast. provider-a carries about two thirds of the requests, so most
 * non-streaming requests miss both latency objectives: the 8 s SLO's fastest tier pages, the
 * 4 s SLO pages from its second tier (65% slow is under the fastest tier's 72% but far over the
 * 30% of the 6h/30m one), and the p99 ticket fires for provider-a alone. Nothing fails and the
 * time the gateway itself adds does not change: no error, circuit or overhead alert.
 */
export const slowProvider: Scenario = {
  name: 'slow-provider',
  description: 'provider-a answers in 8.5-9.5 s after a 20 s warm-up: latency SLOs page, the p99 ticket fires for provider-a only.',
  ...MINUTE_PER_SECOND,
  durationMs: 95_000,
  traffic: EVERYDAY_TRAFFIC,
  phases: [{ atMs: 20_000, label: SLOW, actions: [{ kind: 'provider-faults', provider: 'provider-a', faults: { latencyMs: { p50: 8_500, p99: 9_500 } } }] }],
  expectations: [
    // A slow request is observed only when it ends, 8.5 s or more after it was sent.
    ...pages('GatewayLatency8sBudgetBurn', SLOW, 35_000),
    // The 4 s SLO's page is its second tier: a 30m (30 s) short window must fill past 30% slow, then a 15m (15 s) `for`.
    ...pages('GatewayLatency4sBudgetBurn', SLOW, 60_000),
    // 10m window, 15m `for`: 10 s and 15 s here, after the first slow answers.
    tickets('GatewayHighP99Latency', SLOW, 50_000, { provider: 'provider-a' }),
    { kind: 'quiet', alertname: 'GatewayHighP99Latency', labels: { provider: 'provider-b' } },
    { kind: 'quiet', alertname: 'GatewayOverheadBudgetBurn' },
    { kind: 'quiet', alertname: 'GatewayRequestsBudgetBurn' },
    { kind: 'quiet', alertname: 'GatewayHighErrorRate' },
    { kind: 'quiet', alertname: 'GatewayCircuitOpenTooLong' },
    { kind: 'quiet', alertname: 'GatewayProviderErrorBudgetBurn' },
  ],
};
