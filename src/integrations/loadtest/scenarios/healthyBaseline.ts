import { ANY_ALERT, type Scenario } from '../scenario.js';
import { EVERYDAY_TRAFFIC, MINUTE_PER_SECOND } from './common.js';

/**
 * Everything healthy for two and a half shipped hours: the shipped rules and routing must not
 * send a single notification. This is the scenario that catches false pages: thresholds under
 * normal noise, ratios that read NaN or 0 at start-up, constants that do not scale.
 */
export const healthyBaseline: Scenario = {
  name: 'healthy-baseline',
  description: 'Two replicas, both providers and the ledger healthy, everyday traffic: no notification at all.',
  ...MINUTE_PER_SECOND,
  durationMs: 155_000,
  traffic: EVERYDAY_TRAFFIC,
  phases: [
    {
      atMs: 0,
      label: 'providers at realistic latency',
      actions: [
        { kind: 'provider-faults', provider: 'provider-a', faults: { latencyMs: { p50: 40, p99: 400 } } },
        { kind: 'provider-faults', provider: 'provider-b', faults: { latencyMs: { p50: 60, p99: 600 } } },
      ],
    },
  ],
  expectations: [{ kind: 'quiet', alertname: ANY_ALERT }],
};
