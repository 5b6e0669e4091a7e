import type { Scenario } from '../scenario.js';
import { EVERYDAY_TRAFFIC, MINUTE_PER_SECOND, pages, tickets } from './common.js';

const KILLED = 'replica 1 killed';

/**
 * One of the two replicas is killed (SIGKILL: no drain). The traffic driver, like a load
 * balancer, stops sending to a replica that refuses connections, so traffic carries on over
 * the other; only requests in flight on the killed one are lost. Prometheus cannot scrape it:
 * the instance-down ticket fires, and the availability SLO, which counts scrape targets up,
 * pages: half the fleet gone is 500 times its 0.1% budget rate. No request fails at the
 * surviving replica, so the error alerts and the requests SLO stay quiet.
 */
export const replicaKilled: Scenario = {
  name: 'replica-killed',
  description: 'Replica 1 is SIGKILLed after a 20 s warm-up: instance-down ticket and availability page, traffic continues on replica 0.',
  ...MINUTE_PER_SECOND,
  durationMs: 75_000,
  traffic: EVERYDAY_TRAFFIC,
  phases: [{ atMs: 20_000, label: KILLED, actions: [{ kind: 'kill-replica', replica: 1 }] }],
  expectations: [
    // `up == 0` for 5m: 5 s here, after the first failed scrape.
    tickets('GatewayInstanceDown', KILLED, 25_000, { job: 'ai-gateway' }),
    ...pages('GatewayAvailabilityBudgetBurn', KILLED, 30_000),
    { kind: 'quiet', alertname: 'GatewayHighErrorRate' },
    { kind: 'quiet', alertname: 'GatewayRequestsBudgetBurn' },
    { kind: 'quiet', alertname: 'GatewayCircuitOpenTooLong' },
  ],
};
