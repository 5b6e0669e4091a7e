import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { closedLoop } from '../../scripts/bench/gateway/closedLoop.js';
import { allFeaturesConfig, scrapeConfig } from '../../scripts/bench/gateway/config.js';
import { openLoop } from '../../scripts/bench/gateway/openLoop.js';
import { startPassthrough } from '../../scripts/bench/gateway/passthrough.js';
import { percentiles } from '../../scripts/bench/gateway/percentiles.js';
import { chatRequest } from '../../scripts/bench/gateway/request.js';
import { countSeries } from '../../scripts/bench/gateway/scrape.js';

// Behaviour only: how many requests were sent, how they were spaced on the schedule, what was
// counted and forwarded. How fast anything was is the benchmark's business, not a test's.

interface Upstream {
  readonly url: string;
  /** Bodies and authorization headers received, in order. */
  readonly received: { body: string; authorization: string | undefined }[];
  /** Most requests the server was answering at once. */
  maxInFlight: number;
}

const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
});

/** Answers 200 with a JSON body, except every `failEvery`-th request, answered 500; each answer waits `delayMs`. */
async function upstream(o: { failEvery?: number; delayMs?: number; status?: number } = {}): Promise<Upstream> {
  let inFlight = 0;
  const state: Upstream = { url: '', received: [], maxInFlight: 0 };
  const server: Server = createServer((req, res) => {
    inFlight++;
    state.maxInFlight = Math.max(state.maxInFlight, inFlight);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      state.received.push({ body, authorization: req.headers.authorization });
      const n = state.received.length;
      const status = o.failEvery && n % o.failEvery === 0 ? 500 : (o.status ?? 200);
      setTimeout(() => {
        inFlight--;
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ echo: body, n }));
      }, o.delayMs ?? 0);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  closers.push(() => new Promise((r) => (server.closeAllConnections(), server.close(r))));
  return Object.assign(state, { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
}

function pool(url: string, connections: number): Pool {
  const p = new Pool(url, { connections });
  closers.push(() => p.close());
  return p;
}

describe('the open-loop generator', () => {
  it('sends rate × duration requests on a schedule spaced exactly 1000/rate ms apart, and counts each non-200 as an error', async () => {
    const server = await upstream({ failEvery: 5 });
    const result = await openLoop(pool(server.url, 16), chatRequest(), { rate: 200, durationMs: 250 });

    expect(result.sent).toBe(50);
    expect(server.received).toHaveLength(50);
    expect(result.ok).toBe(40);
    expect(result.errors).toBe(10);
    expect(result.failures).toEqual({ '500': 10 });
    const gaps = result.scheduledMs.slice(1).map((t, i) => t - result.scheduledMs[i]!);
    for (const gap of gaps) expect(gap).toBeCloseTo(5, 6);
    // Never early; latency counts from the schedule, so it includes any lateness of the send.
    for (const lag of result.sendLagMs) expect(lag).toBeGreaterThanOrEqual(0);
    result.latenciesMs.forEach((l, i) => expect(l).toBeGreaterThanOrEqual(result.sendLagMs[i]!));
  });

  it('does not wait for slow answers before sending the next request', async () => {
    const server = await upstream({ delayMs: 60 });
    const result = await openLoop(pool(server.url, 64), chatRequest(), { rate: 200, durationMs: 100 });

    expect(result.ok).toBe(20);
    // A closed loop would have one request in flight per connection; this one keeps sending.
    expect(server.maxInFlight).toBeGreaterThan(5);
  });

  it('counts a refused connection as an error instead of failing the run', async () => {
    const server = await upstream();
    const url = server.url;
    await closers.shift()!();
    const result = await openLoop(pool(url, 4), chatRequest(), { rate: 100, durationMs: 50 });

    expect(result.sent).toBe(5);
    expect(result.errors).toBe(5);
    expect(Object.keys(result.failures)).toEqual(['ECONNREFUSED']);
  });
});

describe('the closed-loop generator', () => {
  it('keeps at most `connections` requests in flight and times every answer', async () => {
    const server = await upstream({ delayMs: 5 });
    const result = await closedLoop(pool(server.url, 4), chatRequest(), { connections: 4, durationMs: 150 });

    expect(server.maxInFlight).toBeLessThanOrEqual(4);
    expect(result.ok).toBeGreaterThan(4);
    expect(result.errors).toBe(0);
    expect(result.latenciesMs).toHaveLength(result.ok);
    expect(server.received).toHaveLength(result.ok);
    expect(result.rps).toBeCloseTo(result.ok / result.seconds, 6);
  });
});

describe('the passthrough proxy', () => {
  it('forwards the body, path and authorization upstream and the status and body back', async () => {
    const server = await upstream({ status: 418 });
    const proxy = await startPassthrough({ upstream: server.url });
    closers.push(() => proxy.close());
    const request = chatRequest('sk-test');

    const res = await pool(proxy.url, 1).request({ path: request.path, method: 'POST', headers: request.headers, body: request.body });

    expect(res.statusCode).toBe(418);
    expect(res.headers['content-type']).toBe('application/json');
    expect(JSON.parse(await res.body.text())).toEqual({ echo: request.body, n: 1 });
    expect(server.received).toEqual([{ body: request.body, authorization: 'Bearer sk-test' }]);
  });

  it('answers 502 when the upstream is gone', async () => {
    const server = await upstream();
    const proxy = await startPassthrough({ upstream: server.url });
    closers.push(() => proxy.close());
    await closers.shift()!();

    const res = await pool(proxy.url, 1).request({ path: '/v1/chat/completions', method: 'POST', body: '{}' });

    expect(res.statusCode).toBe(502);
    await res.body.dump();
  });
});

describe('the benchmark configs', () => {
  const backends = { provider: 'http://127.0.0.1:1', ledger: 'http://127.0.0.1:2' };

  it('turns every feature on and only the metrics switch differs between the two gateways', () => {
    const on = allFeaturesConfig(backends, true);
    const off = allFeaturesConfig(backends, false);

    expect(on.ledger.url).toBe('http://127.0.0.1:2/v1');
    expect(on.guardrails.length).toBeGreaterThan(0);
    expect(on.keys.length).toBeGreaterThan(0);
    expect(on.teams.every((t) => t.budgetUsd !== undefined && t.limits?.requestsPerMinute !== undefined)).toBe(true);
    expect({ ...off, server: { ...off.server, metrics: true } }).toEqual(on);
  });

  it('gives the scrape gateway one model label per model and one key per team', () => {
    const config = scrapeConfig(backends, 30, 4);

    expect(config.models).toHaveLength(30);
    expect(config.server.maxModelLabels).toBe(30);
    expect(new Set(config.keys.map((k) => k.team)).size).toBe(4);
  });
});

describe('helpers', () => {
  it('reports nearest-rank percentiles, each a value that occurred', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentiles(values)).toEqual({ count: 100, p50: 50, p90: 90, p99: 99, max: 100 });
  });

  it('counts sample lines, not comments or blank lines, as series', () => {
    expect(countSeries('# HELP a x\n# TYPE a counter\na{b="1"} 1\na{b="2"} 2\n\nc_bucket{le="+Inf"} 3\n')).toBe(3);
  });
});
