import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/integrations/gateway/config/default.js';
import type { Traffic } from '../../src/integrations/loadtest/scenario.js';
import { promptOf, requestMix, startTraffic, type TrafficDriver } from '../../src/integrations/loadtest/traffic.js';
import { ManualClock } from '../support/manualClock.js';
import { pollFor } from '../support/poll.js';
import { WAIT } from '../support/timeouts.js';

const MIX: Traffic = { ratePerSecond: 50, streamingShare: 0, teams: { search: 1 }, models: { 'gpt-4o': 1 } };

/** A stand-in replica that answers every chat request 200 and remembers the prompts it saw. */
async function fakeReplica(): Promise<{ url: string; prompts: string[]; close(): Promise<void> }> {
  const prompts: string[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      prompts.push((JSON.parse(body) as { messages: Array<{ content: string }> }).messages[0]!.content);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, prompts, close: () => new Promise<void>((r) => server.close(() => r())).then(() => server.closeAllConnections()) };
}

const closers: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c().catch(() => {});
});

describe('the blocked share', () => {
  it('spreads blocked prompts through the run at the share asked for, and none without one', () => {
    const mix: Traffic = { ...MIX, streamingShare: 1 / 3, blockedShare: 0.5 };
    const requests = Array.from({ length: 300 }, (_, n) => n).map(requestMix(mix, 2));
    expect(requests.filter((r) => r.blocked)).toHaveLength(150);
    // Not all on one replica, and not only streams or only not.
    expect(new Set(requests.filter((r) => r.blocked).map((r) => r.replica)).size).toBe(2);
    expect(requests.filter((r) => r.blocked && r.stream).length).toBeGreaterThan(0);
    expect(requests.filter((r) => r.blocked && !r.stream).length).toBeGreaterThan(0);
    expect(Array.from({ length: 300 }, (_, n) => n).map(requestMix(MIX, 2)).some((r) => r.blocked)).toBe(false);
  });

  it("writes blocked prompts the default config's secret-key guardrail blocks, and others it lets through", () => {
    const rule = defaultConfig({ providerA: 'http://a', providerB: 'http://b', ledger: 'http://l' }).guardrails!.find((g) => g.name === 'secret-key')!;
    expect(rule.action).toBe('block');
    const pattern = new RegExp(rule.pattern, 'i');
    for (const n of [0, 7, 123_456, 9_999_999_999]) {
      expect(promptOf(n, true)).toMatch(pattern);
      expect(promptOf(n, false)).not.toMatch(pattern);
    }
  });
});

/** Requests that have ended, one way or another. */
const settled = (driver: TrafficDriver) => Object.values(driver.counts()).reduce((a, b) => a + b, 0);

// The driver runs on a clock moved by hand: a second of traffic is exactly a second's requests,
// however slowly this machine sends them. The requests themselves are real.
describe('the traffic driver', () => {
  it('changes rate and mix while it runs', async () => {
    const replica = await fakeReplica();
    closers.push(replica.close);
    const clock = new ManualClock();
    const driver = startTraffic(MIX, [replica.url], { clock });
    closers.push(() => driver.stop());
    // 50/s for a second: requests due at 0, 20, ..., 1000 ms.
    clock.advance(1000);
    const before = driver.sent();
    expect(before).toBe(51);
    await pollFor('the first second answered', WAIT.local, () => settled(driver) === before);
    // Then 200/s from the change on: one now and one every 5 ms for a second.
    driver.change({ ratePerSecond: 200, blockedShare: 1 });
    clock.advance(1000);
    const after = driver.sent() - before;
    expect(after).toBe(201);
    await pollFor('the second second answered', WAIT.local, () => settled(driver) === driver.sent());
    await driver.stop();
    expect(replica.prompts).toHaveLength(before + after);
    expect(replica.prompts.slice(0, before).some((p) => p.includes('sk-'))).toBe(false);
    expect(replica.prompts.slice(before).every((p) => p.includes('sk-'))).toBe(true);
    expect(driver.counts()['200']).toBe(driver.sent());
  });

  it('moves requests off a replica that refuses connections, as a load balancer would', async () => {
    const [a, b] = [await fakeReplica(), await fakeReplica()];
    closers.push(a.close, b.close);
    const clock = new ManualClock();
    const driver = startTraffic(MIX, [a.url, b.url], { clock });
    closers.push(() => driver.stop());
    clock.advance(1000);
    await pollFor('the first second answered', WAIT.local, () => settled(driver) === driver.sent());
    // Round robin: requests 0, 2, ..., 50 to a, the odd ones to b.
    expect([a.prompts.length, b.prompts.length]).toEqual([26, 25]);
    await b.close();
    const servedByA = a.prompts.length;
    clock.advance(1000);
    await pollFor('the second second answered', WAIT.local, () => settled(driver) === driver.sent());
    await driver.stop();
    const counts = driver.counts();
    // Every request was answered; after the close, replica a took them all, b's half moved over.
    expect(counts['error'] ?? 0).toBe(0);
    expect(counts['200']).toBe(driver.sent());
    expect(a.prompts.length - servedByA).toBe(50);
    expect(driver.rerouted()).toBe(25);
  });
});

/** A stand-in replica that streams `chunks` content events, then holds the stream open until the client hangs up; counts the hang-ups. */
async function streamingReplica(chunks: number): Promise<{ url: string; hangUps: () => number; close(): Promise<void> }> {
  let hangUps = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    for (let i = 0; i < chunks; i++) res.write(`data: {"choices":[{"index":0,"delta":{"content":"word ${i}"}}]}\n\n`);
    res.on('close', () => hangUps++);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, hangUps: () => hangUps, close: () => new Promise<void>((r) => server.close(() => r())).then(() => server.closeAllConnections()) };
}

describe('abandoned streams', () => {
  it('hangs up on the abandoned share of streams after the chunks asked for, and counts them as abandoned', async () => {
    const replica = await streamingReplica(3);
    closers.push(replica.close);
    const clock = new ManualClock();
    // Every request streams and is abandoned after 2 content chunks; the replica never ends a stream itself.
    const driver = startTraffic({ ...MIX, streamingShare: 1, abandonedShare: 1, abandonAfterChunks: 2 }, [replica.url], { clock });
    closers.push(() => driver.stop());
    clock.advance(100);
    await pollFor('every stream abandoned', WAIT.local, () => settled(driver) === driver.sent());
    expect(driver.counts()).toEqual({ abandoned: driver.sent() });
    await pollFor('the replica to see every hang-up', WAIT.local, () => replica.hangUps() === driver.sent());
  });

  it('abandons only the share asked for, spread over the streams', () => {
    const mix: Traffic = { ...MIX, streamingShare: 1 / 3, abandonedShare: 0.5 };
    const requests = Array.from({ length: 600 }, (_, n) => n).map(requestMix(mix, 2));
    const abandoned = requests.filter((r) => r.abandoned);
    expect(abandoned).toHaveLength(100);
    expect(abandoned.every((r) => r.stream)).toBe(true);
    expect(new Set(abandoned.map((r) => r.replica)).size).toBe(2);
    expect(Array.from({ length: 300 }, (_, n) => n).map(requestMix(MIX, 2)).some((r) => r.abandoned)).toBe(false);
  });
});
