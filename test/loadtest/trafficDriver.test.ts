import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/gateway/config/default.js';
import type { Traffic } from '../../src/loadtest/scenario.js';
import { promptOf, requestMix, startTraffic } from '../../src/loadtest/traffic.js';
import { pollFor } from '../support/poll.js';

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

describe('the traffic driver', () => {
  it('changes rate and mix while it runs', async () => {
    const replica = await fakeReplica();
    closers.push(replica.close);
    const driver = startTraffic(MIX, [replica.url]);
    closers.push(() => driver.stop(1000));
    await new Promise((r) => setTimeout(r, 1000));
    const before = driver.sent();
    driver.change({ ratePerSecond: 200, blockedShare: 1 });
    await new Promise((r) => setTimeout(r, 1000));
    const after = driver.sent() - before;
    await driver.stop(2000);
    // 50/s for a second, then 200/s for a second: the new rate counts from the change.
    expect(before).toBeGreaterThanOrEqual(45);
    expect(before).toBeLessThanOrEqual(55);
    expect(after).toBeGreaterThanOrEqual(180);
    expect(after).toBeLessThanOrEqual(215);
    expect(replica.prompts.slice(0, before).some((p) => p.includes('sk-'))).toBe(false);
    expect(replica.prompts.slice(before + 5).every((p) => p.includes('sk-'))).toBe(true);
    expect(driver.counts()['200']).toBe(driver.sent());
  });

  it('moves requests off a replica that refuses connections, as a load balancer would', async () => {
    const [a, b] = [await fakeReplica(), await fakeReplica()];
    closers.push(a.close, b.close);
    const driver = startTraffic(MIX, [a.url, b.url]);
    closers.push(() => driver.stop(1000));
    await pollFor('both replicas served', 5000, () => a.prompts.length >= 10 && b.prompts.length >= 10);
    await b.close();
    const servedByA = a.prompts.length;
    await new Promise((r) => setTimeout(r, 1000));
    await driver.stop(2000);
    const counts = driver.counts();
    // Every request was answered; after the close, replica a took them all.
    expect(counts['error'] ?? 0).toBe(0);
    expect(counts['200']).toBe(driver.sent());
    expect(a.prompts.length - servedByA).toBeGreaterThanOrEqual(40);
    expect(driver.rerouted()).toBeGreaterThanOrEqual(1);
  });
});
