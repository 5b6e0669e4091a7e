import type { Scenario } from '../scenario.js';
import { CLIENT_PAGES_QUIET, EVERYDAY_TRAFFIC, MINUTE_PER_SECOND, pages } from './common.js';

const DOWN = 'provider-a down';

/**
 * provider-a answers every request 500 after a healthy warm-up. The gateway retries, opens
 * both of provider-a's circuits and falls back to provider-b, so clients see no errors: the
 * circuit page reaches the pager, the incident log and the channel; the fallback alert fires
 * in Prometheus but the open circuit inhibits it; no client-facing SLO pages. provider-a's own
 * error-budget SLO (provider-errors, per provider) does page: every attempt still sent to it
 * fails, which is what that SLO is for; provider-b's stays quiet. Retries and fallbacks must
 * not bill twice: afterwards the ledger holds exactly one debit per 200.
 */
export const providerDown: Scenario = {
  name: 'provider-down',
  description: 'provider-a fails every request after a 20 s warm-up; fallback to provider-b keeps clients served.',
  ...MINUTE_PER_SECOND,
  durationMs: 115_000,
  traffic: EVERYDAY_TRAFFIC,
  phases: [{ atMs: 20_000, label: DOWN, actions: [{ kind: 'provider-faults', provider: 'provider-a', faults: { errorRate: 1, errorStatus: 500 } }] }],
  expectations: [
    // The shipped `for` is 5m (5 s here), plus the circuit opening, a rule evaluation and the group wait: 30 s is 30 shipped minutes.
    ...pages('GatewayCircuitOpenTooLong', DOWN, 30_000, { provider: 'provider-a' }),
    // The burst of errors that opens the circuit lands on series the gateway started at 0, so
    // rate() sees it at once and a fast tier pages within seconds (5 s measured); afterwards
    // only half-open probes reach provider-a, and the slower tiers keep the page up.
    { kind: 'fires', alertname: 'GatewayProviderErrorBudgetBurn', labels: { provider: 'provider-a' }, receiver: 'ai-platform-pager', after: DOWN, withinMs: 30_000 },
    { kind: 'quiet', alertname: 'GatewayProviderErrorBudgetBurn', labels: { provider: 'provider-b' } },
    { kind: 'quiet', alertname: 'GatewayCircuitOpenTooLong', labels: { provider: 'provider-b' } },
    // Inhibited by the circuit page (equal provider) for as long as any of provider-a's four
    // circuit alerts fires. Once traffic stops, idle circuits go half-open, the page resolves and
    // the fallback ticket escapes to the channel: why the run is judged before traffic stops.
    { kind: 'quiet', alertname: 'GatewayExcessiveFallback' },
    ...CLIENT_PAGES_QUIET,
  ],
  reconcileLedger: true,
};
