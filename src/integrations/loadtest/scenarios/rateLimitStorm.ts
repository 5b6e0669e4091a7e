import type { Scenario } from '../scenario.js';
import { CLIENT_PAGES_QUIET, EVERYDAY_TRAFFIC, MINUTE_PER_SECOND, NO_PAGE, tickets } from './common.js';

const STORM = 'provider-a rate-limiting';

/**
 * provider-a answers 80% of requests 429 with a 20 s `retry-after`, longer than the gateway's
 * 2 s `retry.maxDelayMs`, so the gateway does not wait: it falls back to provider-b at once
 * and clients are served. Provider 429s are normal operating state (the seeds' "rules we do
 * not have"): they neither count against provider-a's error budget nor trip its circuit, and
 * nobody is paged. What is left is a ticket: more than 10% of provider-a's primary attempts
 * fall back, which is capacity someone should look at.
 */
export const rateLimitStorm: Scenario = {
  name: 'rate-limit-storm',
  description: 'provider-a answers 80% of requests 429 (retry-after 20 s) after a 20 s warm-up: the gateway falls back, a fallback ticket, no page.',
  ...MINUTE_PER_SECOND,
  durationMs: 85_000,
  traffic: EVERYDAY_TRAFFIC,
  phases: [{ atMs: 20_000, label: STORM, actions: [{ kind: 'provider-faults', provider: 'provider-a', faults: { rateLimitRate: 0.8, retryAfterSeconds: 20 } }] }],
  expectations: [
    // 10m window, 10m `for`: 10 s each here, plus the ticket route's 30 s (0.5 s) group wait.
    tickets('GatewayExcessiveFallback', STORM, 30_000, { provider: 'provider-a' }),
    { kind: 'quiet', alertname: 'GatewayExcessiveFallback', labels: { provider: 'provider-b' } },
    { kind: 'quiet', alertname: 'GatewayProviderErrorRate' },
    { kind: 'quiet', alertname: 'GatewayProviderErrorBudgetBurn' },
    { kind: 'quiet', alertname: 'GatewayCircuitOpenTooLong' },
    ...CLIENT_PAGES_QUIET,
    NO_PAGE,
  ],
};
