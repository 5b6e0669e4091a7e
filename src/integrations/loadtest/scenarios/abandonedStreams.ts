import { ANY_ALERT, type Scenario } from '../scenario.js';
import { EVERYDAY_TRAFFIC, MINUTE_PER_SECOND } from './common.js';

const ABANDON = 'clients abandon half their streams';

/**
 * Streams are slow (50 ms a chunk, 16 content chunks), and after a warm-up the clients of half
 * of them hang up as soon as they have read the last content chunk, before the finish and
 * usage chunks come. Each of those streams delivered its whole answer, so each must be billed
 * once, from an estimate: the ledger must hold a debit for every 200 and every abandoned
 * stream, and the same spend as the gateways' cost counter. A client hanging up is not the
 * gateway failing (499 is out of every SLO): no notification at all.
 */
export const abandonedStreams: Scenario = {
  name: 'abandoned-streams',
  description: 'After a 15 s warm-up, clients hang up on half the streams after the last content chunk: every abandoned stream billed once, ledger balanced, no notification.',
  ...MINUTE_PER_SECOND,
  durationMs: 60_000,
  traffic: { ...EVERYDAY_TRAFFIC, abandonAfterChunks: 16 },
  phases: [
    {
      atMs: 0,
      label: 'streams at 50 ms a chunk',
      actions: [
        { kind: 'provider-faults', provider: 'provider-a', faults: { streamChunkDelayMs: 50 } },
        { kind: 'provider-faults', provider: 'provider-b', faults: { streamChunkDelayMs: 50 } },
      ],
    },
    { atMs: 15_000, label: ABANDON, actions: [{ kind: 'traffic', change: { abandonedShare: 0.5 } }] },
  ],
  expectations: [{ kind: 'quiet', alertname: ANY_ALERT }],
  reconcileLedger: true,
};
