/**
 * Traffic for the end-to-end dashboard tests: several teams and keys, streamed and not, prompts
 * that the guardrails redact or block, client mistakes (4xx), a team that spends its budget,
 * bursts over a team's token limit, and a timeline of faults injected through the mock
 * providers' and the ledger's admin APIs (`PUT /admin/faults`), so that the error, fallback,
 * circuit, budget and outbox panels have something to show.
 */
import { request } from 'undici';
import { DEMO_KEYS } from '../../src/gateway/config/default.js';
import type { FaultsPatch } from '../../src/gateway/mock/faults.js';
import type { LedgerFaults } from '../../src/gateway/ledger/faults.js';
import { ask, type Answer, type Stack } from '../gateway/stack.js';

/** What the clients saw, by kind of request and answer status: `finance 403`, `misuse 401`. */
export type TrafficTally = Record<string, number>;

/** One fault change at `atMs` after the traffic starts; `null` leaves that side alone. */
interface FaultStep {
  atMs: number;
  what: string;
  a?: FaultsPatch;
  b?: FaultsPatch;
  ledger?: Partial<LedgerFaults>;
}

/**
 * The fault timeline, in ms from the start. Each phase is long enough for a few 1 s scrapes,
 * and every fault is one a real deployment sees:
 * - provider-a errors and resets, provider-b errors: retries, fallbacks, provider error rate;
 *   rare enough that five failures in a row, which open a credential's circuit, are unlikely;
 * - the ledger down for 1.5 s: a failed outbox flush, live budget checks failing open
 *   (short enough that no audit event waits 5 s, the events SLO's threshold);
 * - both providers rate-limiting the gateway for 3 s: every chat request 503s (the requests
 *   SLO burns); rate limits are neutral to the circuits, so nothing opens;
 * - provider-a failing every request: both of its credentials' circuits open (5 consecutive
 *   failures each) and stay open for the config's 30 s, so the end of the run falls back.
 */
export const FAULT_TIMELINE: readonly FaultStep[] = [
  { atMs: 4_000, what: 'provider errors', a: { errorRate: 0.1, resetRate: 0.02 }, b: { errorRate: 0.06, omitUsageRate: 0.25 } },
  { atMs: 11_000, what: 'ledger down', ledger: { mode: 'down' } },
  { atMs: 12_500, what: 'ledger up', ledger: { mode: 'up' } },
  {
    atMs: 15_000,
    what: 'providers rate-limit the gateway',
    a: { errorRate: 0, resetRate: 0, rateLimitRate: 1, retryAfterSeconds: 5 },
    b: { errorRate: 0, rateLimitRate: 1, retryAfterSeconds: 5 },
  },
  { atMs: 18_000, what: 'rate limits lifted', a: { rateLimitRate: 0, errorRate: 0.1, resetRate: 0.02 }, b: { rateLimitRate: 0, errorRate: 0.06 } },
  { atMs: 22_000, what: 'provider-a down', a: { errorRate: 1, resetRate: 0 } },
  { atMs: 24_000, what: 'provider-a flaky again', a: { errorRate: 0.1, resetRate: 0.02 } },
];

async function put(url: string, body: unknown): Promise<void> {
  const res = await request(url, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await res.body.text();
  if (res.statusCode !== 200) throw new Error(`PUT ${url} answered ${res.statusCode}: ${text}`);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A 24-character `sk-` secret, which the secret-key guardrail blocks. */
const SECRET = `sk-${'abcdefghijkl0123456789mn'}`;

/**
 * Sends traffic for `durationMs` while applying `FAULT_TIMELINE`, then waits for every
 * request in flight. Returns what the clients saw.
 */
export async function driveTraffic(stack: Stack, durationMs: number): Promise<TrafficTally> {
  const started = Date.now();
  const stopAt = started + durationMs;
  const tally: TrafficTally = {};
  const count = (kind: string, a: Answer) => {
    const key = `${kind} ${a.status}`;
    tally[key] = (tally[key] ?? 0) + 1;
    return a;
  };
  const worker = async (kind: string, next: (i: number) => Promise<Answer>, pauseMs: (a: Answer) => number) => {
    for (let i = 0; Date.now() < stopAt; i++) {
      const answer = count(kind, await next(i));
      await sleep(pauseMs(answer));
    }
  };

  // Search: mostly gpt-4o (provider-a 3:1 provider-b), some streamed, some prompts with an e-mail address.
  const search = (i: number) => {
    const content = i % 3 === 0 ? `summarise the thread from jane.doe${i}@example.com` : `search query ${i}`;
    const stream = i % 4 === 1;
    return stack.chat(ask('gpt-4o', content, stream ? { stream: true, stream_options: { include_usage: true } } : {}), { key: DEMO_KEYS.search });
  };
  // Support: streams on gpt-4o-mini (provider-b, falls back to a), and claude-sonnet now and then.
  const support = (i: number) =>
    i % 3 === 2
      ? stack.chat(ask('claude-sonnet', `ticket ${i}`), { key: DEMO_KEYS.support })
      : stack.chat(ask('gpt-4o-mini', `reply to ticket ${i}`, { stream: true, stream_options: { include_usage: true } }), { key: DEMO_KEYS.support });
  // Finance: long claude-sonnet reports (4096 tokens, about $0.06 each) until its $10 budget is spent.
  const finance = (i: number) => stack.chat(ask('claude-sonnet', `quarterly report ${i}`, { max_tokens: 4096 }), { key: DEMO_KEYS.finance });
  // Client mistakes and policy hits, one every 150 ms.
  const misuse = (i: number) => {
    switch (i % 6) {
      case 0:
        return stack.chat(ask('gpt-4o'), { key: null });
      case 1:
        return stack.chat(ask('gpt-4o'), { key: 'sk-lookout-not-a-key' });
      case 2:
        return stack.chat({ model: 'gpt-4o' });
      case 3:
        return stack.chat(ask('gpt-5-turbo'), { key: DEMO_KEYS.support });
      default:
        return stack.chat(ask('gpt-4o', `deploy with ${SECRET} please`), { key: DEMO_KEYS.support });
    }
  };
  // Every 4 s, four concurrent requests asking for 7M tokens each: search's 20M tokens a minute
  // admits two, and the others are refused with 429 while those are in flight.
  const bursts = async () => {
    while (Date.now() < stopAt - 1000) {
      const answers = await Promise.all(Array.from({ length: 4 }, (_, i) => stack.chat(ask('gpt-4o', `bulk export ${i}`, { max_tokens: 7_000_000 }), { key: DEMO_KEYS.search })));
      for (const a of answers) count('burst', a);
      await sleep(4000);
    }
  };
  const faults = async () => {
    for (const step of FAULT_TIMELINE) {
      if (started + step.atMs >= stopAt) break;
      await sleep(started + step.atMs - Date.now());
      await Promise.all([
        step.a && put(`${stack.providerA.url}/admin/faults`, step.a),
        step.b && put(`${stack.providerB.url}/admin/faults`, step.b),
        step.ledger && put(`${stack.ledger.url}/admin/faults`, step.ledger),
      ]);
    }
  };

  const steady = () => 15;
  await Promise.all([
    worker('search', search, steady),
    worker('search', (i) => search(i + 1), steady),
    worker('support', support, steady),
    worker('finance', finance, (a) => (a.status === 200 ? 0 : 60)),
    worker('misuse', misuse, () => 150),
    bursts(),
    faults(),
  ]);
  return tally;
}
