import type { Scenario } from '../scenario.js';
import { EVERYDAY_TRAFFIC, MINUTE_PER_SECOND, pages } from './common.js';

const DOWN = 'both providers failing';

/**
 * Both providers answer every request 500 after a healthy warm-up: retries and fallbacks have
 * nowhere to go, every circuit opens and clients get 502s, then 503s. The 5xx alert and the
 * requests-success SLO page (the fastest tier first: 1h and 5m windows, 14.4 times the budget
 * rate, a 2m `for`), as do both providers' circuit and error-budget alerts. The fallback alert
 * stays held back by the circuit pages; the latency, overhead and availability SLOs stay quiet:
 * the replicas are up and answer fast.
 */
export const allProvidersFailing: Scenario = {
  name: 'all-providers-failing',
  description: 'provider-a and provider-b fail every request after a 20 s warm-up: clients get 5xx, the error-rate page and the fastest SLO tier fire.',
  ...MINUTE_PER_SECOND,
  durationMs: 85_000,
  traffic: EVERYDAY_TRAFFIC,
  phases: [
    {
      atMs: 20_000,
      label: DOWN,
      actions: [
        { kind: 'provider-faults', provider: 'provider-a', faults: { errorRate: 1, errorStatus: 500 } },
        { kind: 'provider-faults', provider: 'provider-b', faults: { errorRate: 1, errorStatus: 500 } },
      ],
    },
  ],
  expectations: [
    // 5m window and 5m `for`: 5 s each here, plus an evaluation and the page route's 10 s (0.2 s) group wait.
    ...pages('GatewayHighErrorRate', DOWN, 25_000),
    // The fastest tier by name; any tier of the SLO may page (the 6h/30m one follows within a minute).
    ...pages('GatewayRequestsBudgetBurn', DOWN, 25_000, { long_window: '1h' }),
    { kind: 'fires', alertname: 'GatewayRequestsBudgetBurn', receiver: 'ai-platform-pager', after: DOWN, withinMs: 25_000 },
    ...pages('GatewayCircuitOpenTooLong', DOWN, 30_000, { provider: 'provider-a' }),
    ...pages('GatewayCircuitOpenTooLong', DOWN, 30_000, { provider: 'provider-b' }),
    { kind: 'fires', alertname: 'GatewayProviderErrorBudgetBurn', labels: { provider: 'provider-a' }, receiver: 'ai-platform-pager', after: DOWN, withinMs: 30_000 },
    { kind: 'fires', alertname: 'GatewayProviderErrorBudgetBurn', labels: { provider: 'provider-b' }, receiver: 'ai-platform-pager', after: DOWN, withinMs: 30_000 },
    { kind: 'quiet', alertname: 'GatewayExcessiveFallback' },
    { kind: 'quiet', alertname: 'GatewayAvailabilityBudgetBurn' },
    { kind: 'quiet', alertname: 'GatewayLatency4sBudgetBurn' },
    { kind: 'quiet', alertname: 'GatewayLatency8sBudgetBurn' },
    { kind: 'quiet', alertname: 'GatewayOverheadBudgetBurn' },
    { kind: 'quiet', alertname: 'GatewayInstanceDown' },
  ],
};
