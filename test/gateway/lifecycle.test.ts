import { execa } from 'execa';
import { readdir } from 'node:fs/promises';
import { createServer, connect, type Server } from 'node:net';
import path from 'node:path';
import { Pool, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConfigInput } from '../../src/integrations/gateway/config/schema.js';
import type { Ledger } from '../../src/integrations/gateway/ledger/server.js';
import { gatewayScriptArgs } from '../../src/integrations/loadtest/gatewayProcess.js';
import { pollFor } from '../support/poll.js';
import { TIMEOUT, WAIT } from '../support/timeouts.js';
import { Spool } from '../../src/integrations/gateway/governance/spool.js';
import { silentLogger } from '../../src/integrations/gateway/log.js';
import { ask, eventually, parseSamples, startStack } from './stack.js';
import { spawnGateway, startBackends, writeConfig, type Backends, type GatewayProcess } from './process.js';
import { chatRaw, exchangeOn, keptAlive } from './rawHttp.js';

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
    await writeConfig(file, { ...base, server: { ...base.server, shutdownGraceMs: 200, drainTimeoutMs: 5_000 }, ledger: { ...base.ledger, flushIntervalMs: 60_000 } });
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

  it('hands what a ledger outage kept queued at SIGTERM to the spool; the next start delivers every debit and audit event exactly once', async () => {
    const file = path.join(dir, 'spool.yaml');
    const spoolFile = path.join(dir, 'ledger.spool');
    await writeConfig(file, { ...base, server: { ...base.server, shutdownGraceMs: 0, drainTimeoutMs: 2_000 }, ledger: { ...base.ledger, spoolFile, flushIntervalMs: 100 } });
    ledger.reset();
    ledger.setFaults({ mode: 'down' });
    const first = await spawnGateway(['--config', file]);
    const ids: string[] = [];
    for (let wave = 0; wave < 15; wave++) {
      const answers = await Promise.all(Array.from({ length: 10 }, () => chatWithId(first.url)));
      for (const a of answers) {
        expect(a.status).toBe(200);
        ids.push(a.id);
      }
    }
    const billed = (await metrics(first.url)).sum('gateway_cost_usd_total');
    expect(billed).toBeGreaterThan(0);
    first.signal('SIGTERM');
    expect(await first.exited()).toBe(0);
    expect(ledger.summary().debits).toBe(0);

    // A start killed while it replays, before the ledger took anything, must lose nothing either.
    const killed = await spawnGateway(['--config', file]);
    await eventually(() => /replaying the debits and audit events/.test(killed.stderr()), WAIT.local, 'the replay to start');
    killed.signal('SIGKILL');
    await killed.exited();

    ledger.setFaults({ mode: 'up' });
    const second = await spawnGateway(['--config', file]);
    try {
      await eventually(() => ledger.summary().debits === 150 && ledger.summary().events === 150, WAIT.local, 'the replayed debits and events to reach the ledger');
      // The claimed spool file goes once its records are delivered.
      await eventually(async () => (await readdir(dir)).every((n) => !n.startsWith('ledger.spool')), WAIT.local, 'the replayed spool file to be deleted');
      const summary = ledger.summary();
      expect(summary.duplicates).toBe(0);
      expect(new Set(ledger.debits().map((d) => d.id))).toEqual(new Set(ids.map((id) => `${id}:debit`)));
      expect(new Set(ledger.events().map((e) => e.requestId))).toEqual(new Set(ids));
      const debited = ledger.debits().reduce((sum, d) => sum + d.usd, 0);
      expect(summary.usdByTeam.search).toBeCloseTo(debited, 9);
      expect(summary.usdByTeam.search).toBeCloseTo(billed, 9);
    } finally {
      second.signal('SIGTERM');
      expect(await second.exited()).toBe(0);
    }
    // Nothing was left to hand over: no spool, and a second replay sends nothing twice.
    expect(await readdir(dir)).not.toContain('ledger.spool');
    expect(ledger.summary().duplicates).toBe(0);
    expect(first.stderr()).toMatch(/"level":"warn"[^\n]*handed the debits and audit events[^\n]*"debits":150,"events":150/);
    }, TIMEOUT.live);

  it('bills a stream the drain deadline cuts off, and hands its debit and audit event to the spool', async () => {
    const file = path.join(dir, 'cut.yaml');
    const spoolFile = path.join(dir, 'cut.spool');
    await writeConfig(file, { ...base, server: { ...base.server, shutdownGraceMs: 0, drainTimeoutMs: 300 }, ledger: { ...base.ledger, spoolFile } });
    ledger.setFaults({ mode: 'down' });
    // Twelve content chunks 200 ms apart: the stream outlasts the 300 ms drain.
    for (const p of [backends.providerA, backends.providerB]) p.setFaults({ streamChunkDelayMs: 200 });
    try {
      const gw = await spawnGateway(['--config', file]);
      const res = await request(`${gw.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer sk-lookout-search' },
        body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'tell me a long story' }], stream: true }),
      });
      expect(res.statusCode).toBe(200);
      const requestId = String(res.headers['x-request-id']);
      const chunks = res.body[Symbol.asyncIterator]();
      await chunks.next();
      gw.signal('SIGTERM');
      // Read on until the drain's deadline ends the connection.
      try {
        while (!(await chunks.next()).done);
      } catch {
        // The connection closed under the stream: what the test is about.
      }
      expect(await gw.exited()).toBe(0);
      const spooled = await new Spool(spoolFile, silentLogger).claim();
      const debit = spooled.debits.find((d) => d.id === `${requestId}:debit`);
      expect(debit?.outputTokens).toBeGreaterThan(0);
      const event = spooled.events.find((e) => e.requestId === requestId);
      expect(event).toMatchObject({ status: 499, usageSource: 'estimated' });
    } finally {
      for (const p of [backends.providerA, backends.providerB]) p.setFaults({ streamChunkDelayMs: 0 });
      ledger.setFaults({ mode: 'up' });
    }
  }, TIMEOUT.live);

  it('holds a team to its budget across a reload, with spend the ledger has not seen yet', async () => {
    const file = path.join(dir, 'budget-reload.yaml');
    // The debits stay in the outbox (a minute between flushes): only this replica knows the spend.
    const config: ConfigInput = {
      ...base,
      ledger: { ...base.ledger, flushIntervalMs: 60_000 },
      teams: base.teams!.map((t) => (t.name === 'finance' ? { ...t, budgetUsd: 0.0005 } : t)),
    };
    await writeConfig(file, config);
    const gw = await spawnGateway(['--config', file]);
    try {
      const ask16 = () => chatAs(gw.url, 'sk-lookout-finance', { max_tokens: 16 });
      expect([await ask16(), await ask16()]).toEqual([200, 200]);
      gw.signal('SIGHUP');
      await eventually(async () => (await metrics(gw.url)).sum('gateway_config_reloads_total', { result: 'success' }) === 1, WAIT.local, 'the reload');
      expect(await ask16()).toBe(403);
    } finally {
      gw.signal('SIGKILL');
      await gw.exited();
    }
  }, TIMEOUT.live);

  it('says at warn level how many debits and audit events a drain loses without a spool', async () => {
    const file = path.join(dir, 'nospool.yaml');
    await writeConfig(file, { ...base, server: { ...base.server, shutdownGraceMs: 0, drainTimeoutMs: 500 } });
    ledger.setFaults({ mode: 'down' });
    try {
      const gw = await spawnGateway(['--config', file]);
      for (let i = 0; i < 3; i++) expect((await chat(gw.url)).status).toBe(200);
      gw.signal('SIGTERM');
      expect(await gw.exited()).toBe(0);
      expect(gw.stderr()).toMatch(/"level":"warn"[^\n]*they are lost[^\n]*"debits":3,"events":3/);
    } finally {
      ledger.setFaults({ mode: 'up' });
    }
  }, TIMEOUT.live);

  it('counts the debits a start replays toward the team budget', async () => {
    const spoolFile = path.join(dir, 'budget.spool');
    // The finance team's whole budget (10 USD), spent before a restart the ledger did not see.
    const at = new Date().toISOString();
    await new Spool(spoolFile, silentLogger).append({ debits: [{ id: 'before-restart:debit', team: 'finance', key: 'finance-reports', provider: 'provider-a', model: 'gpt-4o', inputTokens: 1, outputTokens: 1, usd: 10, at }], events: [] });
    const stack = await startStack({ config: (c) => ({ ...c, ledger: { ...c.ledger, spoolFile } }) });
    try {
      const answer = await stack.chat(ask(), { key: 'sk-lookout-finance' });
      expect(answer.status, answer.text).toBe(403);
      expect(answer.json().error.code).toBe('budget_exceeded');
      await eventually(() => stack.ledger.summary().usdByTeam.finance === 10, WAIT.local, 'the replayed debit to reach the ledger');
    } finally {
      await stack.close();
    }
  }, TIMEOUT.live);

  it('on SIGTERM answers /readyz 503 while still serving, then closes the listener without resetting a request written on a keep-alive connection', async () => {
    const file = path.join(dir, 'grace.yaml');
    await writeConfig(file, { ...base, server: { ...base.server, shutdownGraceMs: 3_000, drainTimeoutMs: 10_000 } });
    backends.providerA.setFaults({ latencyMs: { p50: 20 } });
    backends.providerB.setFaults({ latencyMs: { p50: 20 } });
    const gw = await spawnGateway(['--config', file]);
    // A client that keeps several keep-alive connections busy, as a load balancer's pool does.
    const pool = new Pool(gw.url, { connections: 4 });
    const probe = new Pool(gw.url, { connections: 1 });
    // One sequence for everything observed, so that "after" means after without reading a clock.
    let seq = 0;
    const chats: { sentAt: number; status?: number; error?: string }[] = [];
    let stop = false;
    const sender = async () => {
      while (!stop) {
        const entry: (typeof chats)[number] = { sentAt: seq++ };
        chats.push(entry);
        try {
          const res = await pool.request({ path: '/v1/chat/completions', method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer sk-lookout-search' }, body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }) });
          await res.body.text();
          entry.status = res.statusCode;
        } catch (e) {
          entry.error = `${(e as { code?: string }).code ?? ''} ${(e as Error).message}`;
          // Refused: the listener is closed and this request was never written. Stop there.
          if (/ECONNREFUSED/.test(entry.error)) return;
        }
      }
    };
    const readyz: { at: number; status: number | string }[] = [];
    const poller = async () => {
      while (!stop) {
        try {
          const res = await probe.request({ path: '/readyz', method: 'GET' });
          await res.body.text();
          readyz.push({ at: seq++, status: res.statusCode });
        } catch (e) {
          readyz.push({ at: seq++, status: (e as { code?: string }).code ?? (e as Error).message });
          return;
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    try {
      const senders = Array.from({ length: 8 }, sender);
      const polling = poller();
      await eventually(() => chats.filter((c) => c.status === 200).length >= 20, WAIT.local, 'traffic to flow');
      gw.signal('SIGTERM');
      const code = await gw.exited();
      stop = true;
      await Promise.all([...senders, polling]);
      expect(code).toBe(0);

      const notReady = readyz.find((r) => r.status === 503);
      expect(notReady, `readyz answers: ${JSON.stringify(readyz.slice(-5))}`).toBeDefined();
      // Chat answered normally after /readyz said 503: the grace period a load balancer needs.
      expect(chats.filter((c) => c.sentAt > notReady!.at && c.status === 200).length).toBeGreaterThan(0);
      // Every request written was answered; only connections the closed listener refused failed.
      const failed = chats.filter((c) => c.error !== undefined && !/ECONNREFUSED/.test(c.error));
      expect(failed.map((c) => c.error)).toEqual([]);
      expect(chats.filter((c) => c.status !== undefined && c.status !== 200)).toEqual([]);
    } finally {
      stop = true;
      await Promise.allSettled([pool.destroy(), probe.destroy()]);
      backends.providerA.setFaults({ latencyMs: { p50: 0 } });
      backends.providerB.setFaults({ latencyMs: { p50: 0 } });
    }
  }, TIMEOUT.live);

  it('answers a request written on an idle keep-alive connection once SIGTERM has closed the listener, and then closes that connection', async () => {
    // No grace period: the listener closes as soon as SIGTERM arrives, with these connections
    // idle in a client's pool. Closing them then (http.Server.close) resets a request the
    // client writes on one at that moment: a load balancer's retry, at best.
    const file = path.join(dir, 'idle.yaml');
    await writeConfig(file, { ...base, server: { ...base.server, shutdownGraceMs: 0, drainTimeoutMs: 10_000 } });
    const gw = await spawnGateway(['--config', file]);
    const idle = await Promise.all(Array.from({ length: 4 }, () => keptAlive(gw.url, 'GET /healthz HTTP/1.1\r\nhost: gateway\r\n\r\n')));
    try {
      gw.signal('SIGTERM');
      await eventually(() => refused(Number(new URL(gw.url).port)), WAIT.local, 'the listener to close');
      const answers = await Promise.all(idle.map((socket) => exchangeOn(socket, chatRaw())));
      expect(answers.map((a) => (a.closedWithoutAnswer ? 'closed without an answer' : a.status))).toEqual([200, 200, 200, 200]);
      expect(answers.map((a) => a.headers.connection)).toEqual(['close', 'close', 'close', 'close']);
      expect(await gw.exited()).toBe(0);
    } finally {
      for (const socket of idle) socket.destroy();
      gw.child.kill('SIGKILL'); // nothing when it has exited
      await gw.exited();
    }
  }, TIMEOUT.live);

  it('exits non-zero, naming the port, with nothing left serving when the admin port is taken', async () => {
    const taken = await occupy();
    const mainPort = await freePort();
    try {
      const adminPort = (taken.address() as { port: number }).port;
      // The embedded config: its mock providers and ledger must close too.
      const child = execa(process.execPath, [...gatewayScriptArgs(process.cwd()), '--port', String(mainPort), '--admin-port', String(adminPort)], { reject: false, cleanup: true, timeout: WAIT.process });
      const result = await child;
      expect(result.timedOut, 'the gateway kept running').toBe(false);
      expect(result.exitCode).toBe(1);
      expect(result.stderr).toContain(`cannot start: the admin listener (server.adminPort) cannot listen on 127.0.0.1:${adminPort}: the address is already in use`);
      expect(result.stdout).not.toContain('"listening"');
      expect(await refused(mainPort)).toBe(true);
    } finally {
      await new Promise((r) => taken.close(r));
    }
  }, TIMEOUT.live);
});

async function chatAs(url: string, key: string, extra: Record<string, unknown>): Promise<number> {
  const res = await request(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }], ...extra }),
  });
  await res.body.text();
  return res.statusCode;
}

async function chatWithId(url: string): Promise<{ status: number; id: string }> {
  const res = await request(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer sk-lookout-search' },
    body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }),
  });
  await res.body.text();
  return { status: res.statusCode, id: String(res.headers['x-request-id']) };
}

function occupy(port = 0): Promise<Server> {
  const server = createServer();
  return new Promise((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', () => resolve(server)));
}

async function freePort(): Promise<number> {
  const server = await occupy();
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(false)));
    socket.once('error', (e: NodeJS.ErrnoException) => resolve(e.code === 'ECONNREFUSED'));
  });
}
