import { afterEach, describe, expect, it } from 'vitest';
import { AuditQueue, type AuditSettings } from '../../src/integrations/gateway/governance/audit.js';
import { LedgerClient } from '../../src/integrations/gateway/governance/ledgerClient.js';
import { startLedger, type Ledger } from '../../src/integrations/gateway/ledger/server.js';
import type { AuditEvent } from '../../src/integrations/gateway/ledger/records.js';
import { gateway } from '../../src/integrations/gateway/metrics.js';
import { instrument, registryOf } from '../../src/library/runtime.js';
import { pollFor } from '../support/poll.js';
import { WAIT } from '../support/timeouts.js';

const event = (n: number): AuditEvent => ({
  id: `req-${n}:audit`,
  type: 'audit',
  at: new Date(0).toISOString(),
  requestId: `req-${n}`,
  team: 'search',
  key: 'search-prod',
  model: 'gpt-4o',
  provider: 'provider-a',
  status: 200,
  stream: false,
  durationMs: 12,
});

/** The queue's `gateway_events_delivered_total` by outcome. */
async function delivered(metrics: ReturnType<typeof instrument<typeof gateway>>): Promise<Record<string, number>> {
  const metric = registryOf(metrics).getSingleMetric('gateway_events_delivered_total')!;
  const out: Record<string, number> = {};
  for (const v of (await metric.get()).values) out[String(v.labels.outcome)] = (out[String(v.labels.outcome)] ?? 0) + v.value;
  return out;
}

let ledger: Ledger | undefined;
let client: LedgerClient | undefined;
let queue: AuditQueue | undefined;
afterEach(async () => {
  queue?.stop();
  await client?.close();
  await ledger?.close();
  ledger = client = queue = undefined;
});

async function start(settings: Partial<AuditSettings>) {
  ledger = await startLedger();
  client = new LedgerClient(`${ledger.url}/v1`, 500);
  const metrics = instrument(gateway);
  // The queue's deliveries, counted on their way to the real client.
  const posts = { count: 0 };
  const c = client;
  const counting = Object.assign(Object.create(c) as LedgerClient, {
    post: (...args: Parameters<LedgerClient['post']>) => {
      posts.count++;
      return c.post(...args);
    },
  });
  queue = new AuditQueue({ eventQueueCapacity: 1000, batchSize: 50, flushIntervalMs: 20, ...settings }, metrics, () => counting);
  return { ledger, queue, metrics, posts };
}

describe('the audit queue through a ledger outage', () => {
  it('keeps every event until the ledger is back, however many attempts that takes', async () => {
    const { ledger, queue, metrics, posts } = await start({});
    ledger.setFaults({ mode: 'down' });
    queue.start();
    for (let n = 0; n < 120; n++) queue.emit(event(n));
    // Backoff 40, 80, 160, 320, 640 ms...: past five attempts before the ledger comes back.
    await pollFor('a sixth delivery attempt', WAIT.local, () => posts.count >= 6);
    expect(ledger.summary().events).toBe(0);
    expect(queue.pending).toBe(120);
    ledger.setFaults({ mode: 'up' });
    await pollFor('every event delivered', WAIT.local, () => ledger.summary().events === 120);
    expect(await delivered(metrics)).toEqual({ success: 120 });
  });

  it('gives a batch up after eventAttempts when that is set', async () => {
    const { ledger, queue, metrics } = await start({ eventAttempts: 3 });
    ledger.setFaults({ mode: 'down' });
    queue.start();
    for (let n = 0; n < 30; n++) queue.emit(event(n));
    await pollFor('the batch given up', WAIT.local, async () => (await delivered(metrics))['failure'] === 30);
    expect(queue.pending).toBe(0);
    expect(ledger.summary().events).toBe(0);
  });

  it('fails events the ledger refuses (4xx) at once, and drops those a full queue cannot hold', async () => {
    const { ledger, queue, metrics } = await start({ eventQueueCapacity: 10 });
    ledger.setFaults({ mode: 'reject' });
    for (let n = 0; n < 12; n++) queue.emit(event(n));
    queue.start();
    await pollFor('the refused batch failed', WAIT.local, async () => (await delivered(metrics))['failure'] === 10);
    expect(await delivered(metrics)).toEqual({ dropped: 2, failure: 10 });
  });
});
