import type { Scenario } from '../scenario.js';
import { CLIENT_PAGES_QUIET, EVERYDAY_TRAFFIC, MINUTE_PER_SECOND, pages } from './common.js';

const NO_USAGE = 'provider-b streams without usage';

/**
 * provider-b leaves the usage chunk out of every stream although the gateway asks for it.
 * Clients notice nothing, but those streams cost money the gateway cannot count: no tokens, no
 * cost, no debit. That silent over-spend is a page (seeds: "a cost guardrail"), for provider-b
 * only; no request fails.
 */
export const streamsWithoutUsage: Scenario = {
  name: 'streams-without-usage',
  description: "provider-b's streams stop carrying usage after a 20 s warm-up: the usage-missing page fires for provider-b only.",
  ...MINUTE_PER_SECOND,
  durationMs: 75_000,
  traffic: EVERYDAY_TRAFFIC,
  phases: [{ atMs: 20_000, label: NO_USAGE, actions: [{ kind: 'provider-faults', provider: 'provider-b', faults: { omitUsageRate: 1 } }] }],
  expectations: [
    // 10m window, 10m `for`: 10 s each here; the first stream without usage counts at once.
    ...pages('GatewayStreamingUsageMissing', NO_USAGE, 30_000, { provider: 'provider-b' }),
    { kind: 'quiet', alertname: 'GatewayStreamingUsageMissing', labels: { provider: 'provider-a' } },
    ...CLIENT_PAGES_QUIET,
  ],
};
