import path from 'node:path';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConfigInput } from '../../src/gateway/config/schema.js';
import type { Ledger } from '../../src/gateway/ledger/server.js';
import { pollFor } from '../support/poll.js';
import { WAIT } from '../support/timeouts.js';
import { eventually, parseSamples } from './stack.js';
import { spawnGateway, startBackends, writeConfig, type Backends, type GatewayProcess } from './process.js';

async function chat(url: string, model = 'gpt-4o') {
  const res = await request(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer sk-lookout-search' },
    body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }] }),
  });
  return { status: res.statusCode, text: await res.body.text() };
}

async function metrics(url: string) {
  const res = await request(`${url}/metrics`);
  return parseSamples(await res.body.text());
}

describe('the gateway process: config reload on SIGHUP and drain on SIGTERM', () => {
  let backends: Backends;
  let base: ConfigInput;
  let dir: string;
  let ledger: Ledger;

  beforeAll(async () => {
    backends = await startBackends();
    ({ base, dir, ledger } = backends);
  });
  afterAll(() => backends.close());

  it('applies a good config on SIGHUP, and keeps serving on the last good one when the next is bad', async () => {
    const file = path.join(dir, 'reload.yaml');
    await writeConfig(file, base);
    const gw: GatewayProcess = await spawnGateway(['--config', file]);
    try {
      expect((await chat(gw.url, 'llama-3-70b')).status).toBe(404);

      await writeConfig(file, { ...base, models: [...base.models, { name: 'llama-3-70b', targets: [{ provider: 'provider-b' }] }], prices: { ...base.prices, 'llama-3-70b': { inputPerMillionUsd: 1, outputPerMillionUsd: 1 } } });
      gw.signal('SIGHUP');
      await eventually(async () => (await metrics(gw.url)).sum('gateway_config_reloads_total', { result: 'success' }) === 1, WAIT.local, 'the reload');
      expect((await chat(gw.url, 'llama-3-70b')).status).toBe(200);

      await writeConfig(file, { ...base, providers: [{ name: 'provider-a', baseUrl: 'not a url' }] } as ConfigInput);
      gw.signal('SIGHUP');
      await eventually(async () => (await metrics(gw.url)).sum('gateway_config_reloads_total', { result: 'failure' }) === 1, WAIT.local, 'the failed reload');
      const m = await metrics(gw.url);
      expect(m.sum('gateway_config_last_reload_successful')).toBe(0);
      expect(gw.stderr()).toMatch(/providers\[0\]\.baseUrl/);
      // The previous config still serves, the new model included.
      expect((await chat(gw.url, 'llama-3-70b')).status).toBe(200);
    } finally {
      gw.signal('SIGKILL');
      await gw.exited();
    }
  });

  it('refuses to start on a bad config file, naming the file, line and field', async () => {
    const file = path.join(dir, 'bad.yaml');
    await writeConfig(file, { ...base, retry: { maxAttempts: 'three' } } as unknown as ConfigInput);
    const err = await spawnGateway(['--config', file]).then(
      () => 'started',
      (e: Error) => e.message,
    );
    expect(err).toMatch(new RegExp(`${file.replace(/[.\\/]/g, '\\$&')}:\\d+: retry\\.maxAttempts: `));
    expect(err).not.toMatch(/\n\s+at /);
  });

  it('drains on SIGTERM: not ready any more, the request in flight completes, queued debits reach the ledger, exit 0', async () => {
    const file = path.join(dir, 'drain.yaml');
    backends.providerA.setFaults({ latencyMs: { p50: 800 } });
    backends.providerB.setFaults({ latencyMs: { p50: 800 } });
    await writeConfig(file, { ...base, ledger: { ...base.ledger, flushIntervalMs: 60_000 } });
    const gw = await spawnGateway(['--config', file]);
    const before = ledger.debits().length;
    const asked = () => backends.providerA.stats().requests + backends.providerB.stats().requests;
    const askedBefore = asked();
    const inFlight = chat(gw.url);
    // In flight: a provider has the request, and holds it for 800 ms.
    await eventually(() => asked() > askedBefore, WAIT.local, 'the request to reach a provider');
    gw.signal('SIGTERM');
    const readyz = () =>
      request(`${gw.url}/readyz`).then(
        async (r) => (await r.body.text(), r.statusCode),
        () => 'refused' as const,
      );
    const ready = await pollFor('readyz to stop answering 200', WAIT.local, async () => {
      const status = await readyz();
      return status !== 200 && status;
    });
    expect([503, 'refused']).toContain(ready);
    expect((await inFlight).status).toBe(200);
    expect(await gw.exited()).toBe(0);
    // The flush interval is a minute: only the drain can have delivered the debit.
    expect(ledger.debits().length).toBe(before + 1);
    backends.providerA.setFaults({ latencyMs: { p50: 0 } });
    backends.providerB.setFaults({ latencyMs: { p50: 0 } });
  });
});
