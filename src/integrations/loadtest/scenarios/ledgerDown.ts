import type { Scenario } from '../scenario.js';
import { CLIENT_PAGES_QUIET, EVERYDAY_TRAFFIC, MINUTE_PER_SECOND, pages, tickets } from './common.js';

const DOWN = 'ledger down';
const BACK = 'ledger back';

/**
 * The ledger answers 503 to everything for 25 s (25 shipped minutes), then comes back. Clients
 * are served throughout: debits wait in each replica's outbox and audit events in its queue,
 * retried with backoff. While it is down, audit events stop being delivered (the stalled-
 * delivery ticket) and the outboxes fill past half (the fill-ratio ticket). The outbox holds
 * 360 debits here, 40 s of this run's 9 debits a second per replica: the default 10,000
 * would take 18 real minutes to fill, because a compressed run sends 60 times fewer requests
 * per shipped minute. The outage stays under what the outbox holds, and audit events are kept
 * until delivered, so nothing may be lost. Once it is back the queues drain; events delivered 25 minutes late
 * are what the 5-second delivery SLO counts as bad, so its page comes after the recovery, and
 * rightly: a 25-minute outage spends more than half of that SLO's monthly budget. Then, with
 * traffic stopped, the ledger must hold every answered request: nothing lost.
 */
export const ledgerDown: Scenario = {
  name: 'ledger-down',
  description: 'The ledger answers 503 for 25 s after a 20 s warm-up, then recovers: outbox and delivery tickets, then every debit and event delivered.',
  ...MINUTE_PER_SECOND,
  durationMs: 95_000,
  traffic: EVERYDAY_TRAFFIC,
  phases: [
    { atMs: 20_000, label: DOWN, actions: [{ kind: 'ledger-faults', faults: { mode: 'down' } }] },
    { atMs: 45_000, label: BACK, actions: [{ kind: 'ledger-faults', faults: { mode: 'up' } }] },
  ],
  expectations: [
    // 10m window, 10m `for`: 10 s each here, from the first undelivered second.
    tickets('GatewayEventDeliveryStalled', DOWN, 25_000, { type: 'audit' }),
    // Half of 360 is reached after 20 s and held until the first flush that gets through (the
    // backoff's attempt 30-31 s after the fault), past the 5m (5 s) `for`; at most 280 are queued.
    tickets('GatewayOutboxFillRatioHigh', DOWN, 35_000),
    { kind: 'quiet', alertname: 'GatewayOutboxOverflowDrops' },
    { kind: 'quiet', alertname: 'GatewayOutbox4xxDrops' },
    ...pages('GatewayEventDeliveryBudgetBurn', BACK, 30_000),
    ...CLIENT_PAGES_QUIET,
  ],
  reconcileLedger: true,
  gatewayLedger: { outboxCapacity: 360 },
};
