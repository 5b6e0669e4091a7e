/**
 * Traffic for the end-to-end dashboard tests: several teams and keys, streamed and not, prompts
 * that the guardrails redact or block, client mistakes (4xx), a team that spends its budget,
 * bursts over a team's token limit, and a timeline of faults injected through the mock
 * providers' and the ledger's admin APIs (`PUT /admin/faults`), so that the error, fallback,
 * circuit, budget and outbox panels have something to show.
 */
import { request } from 'undici';
import { DEMO_KEYS } from '../../src/integrations/gateway/config/default.js';
import type { FaultsPatch } from '../../src/integrations/gateway/mock/faults.js';
import type { LedgerFaults } from '../../src/integrations/gateway/ledger/faults.js';
import { ask, type Answer, type Stack } from '../gateway/stack.js';
import { pollFor } from '../support/poll.js';
import { WAIT } from '../support/timeouts.js';

/**
 * A team for bulk exports with a token limit its bursts exceed, beside the demo config's teams
 * (whose limits everyday traffic never reaches): a request takes at most its model's
 * `maxOutputTokens` per completion, so only a modest limit can be exceeded by a few requests.
 */
export const BATCH = { team: 'batch', keyId: 'batch-export', key: 'sk-lookout-batch', tokensPerMinute: 150_000 } as const;

/** What the clients saw, by kind of request and answer status: `finance 403`, `misuse 401`. */
export type TrafficTally = Record<string, number>;

/** Something the traffic must have made happen, checked by polling. */
interface Condition {
  what: string;
  holds(stack: Stack, tally: TrafficTally): Promise<boolean> | boolean;
}

/**
 * One fault change, no earlier than `atMs` after the traffic starts (so that each phase spans a
 * few scrapes on the dashboards), held back until `after` holds, and lasting until `until`
 * holds: on a slow machine the timeline stretches instead of a phase passing unseen.
 */
interface FaultStep {
  atMs: number;
  what: string;
  a?: FaultsPatch;
  b?: FaultsPatch;
  ledger?: Partial<LedgerFaults>;
  after?: Condition;
  until?: Condition;
}

const metric = async (stack: Stack, name: string, labels: Record<string, string> = {}) => (await stack.metrics()).sum(name, labels);

/**
 * The fault timeline, in ms from the start at the earliest. Each phase is long enough for a few
 * 1 s scrapes and lasts until it has shown what the tests look for, and every fault is one a
 * real deployment sees:
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
  {
    atMs: 4_000,
    what: 'provider errors',
    a: { errorRate: 0.1, resetRate: 0.02 },
    b: { errorRate: 0.06, omitUsageRate: 0.25 },
    until: {
      what: 'errors and resets from provider-a, errors and streams without usage from provider-b',
      holds: (stack) => {
        const [a, b] = [stack.providerA.stats(), stack.providerB.stats()];
        return a.outcomes.error > 0 && a.outcomes.reset > 0 && b.outcomes.error > 0 && b.usageOmitted > 0;
      },
    },
  },
  {
    atMs: 11_000,
    what: 'ledger down',
    ledger: { mode: 'down' },
    // Only a team near its budget costs a live check: finance, once it has spent 90% of its $10.
    after: { what: 'a live budget check (a team near its limit)', holds: async (stack) => (await metric(stack, 'gateway_budget_live_checks_total')) > 0 },
    until: {
      what: 'a live budget check and an outbox flush failing',
      holds: async (stack) =>
        (await metric(stack, 'gateway_budget_live_checks_total', { outcome: 'transport_error' })) > 0 && (await metric(stack, 'gateway_budget_outbox_flush_failures_total')) > 0,
    },
  },
  { atMs: 12_500, what: 'ledger up', ledger: { mode: 'up' } },
  {
    atMs: 15_000,
    what: 'providers rate-limit the gateway',
    a: { errorRate: 0, resetRate: 0, rateLimitRate: 1, retryAfterSeconds: 5 },
    b: { errorRate: 0, rateLimitRate: 1, retryAfterSeconds: 5 },
    until: { what: 'a chat request answered 503', holds: (_stack, tally) => (tally['search 503'] ?? 0) + (tally['support 503'] ?? 0) > 0 },
  },
  { atMs: 18_000, what: 'rate limits lifted', a: { rateLimitRate: 0, errorRate: 0.1, resetRate: 0.02 }, b: { rateLimitRate: 0, errorRate: 0.06 } },
  {
    atMs: 22_000,
    what: 'provider-a down',
    a: { errorRate: 1, resetRate: 0 },
    until: { what: "both of provider-a's circuits open", holds: async (stack) => (await metric(stack, 'gateway_circuit_state', { provider: 'provider-a' })) === 4 },
  },
  { atMs: 24_000, what: 'provider-a flaky again', a: { errorRate: 0.1, resetRate: 0.02 } },
];

/** What the traffic must have shown before it stops, whatever the timeline took. */
const BEFORE_STOP: readonly Condition[] = [
  {
    what: 'an answer of every kind the dashboards show',
    holds: (_stack, tally) => ['search 200', 'support 200', 'finance 200', 'burst 200', 'misuse 400', 'misuse 401', 'misuse 404'].every((k) => (tally[k] ?? 0) > 0),
  },
  { what: 'finance refused once its budget is spent (403)', holds: (_stack, tally) => (tally['finance 403'] ?? 0) > 0 },
  { what: "a burst over the batch team's token limit refused (429)", holds: (_stack, tally) => (tally['burst 429'] ?? 0) > 0 },
];

async function put(url: string, body: unknown): Promise<void> {
  const res = await request(url, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await res.body.text();
  if (res.statusCode !== 200) throw new Error(`PUT ${url} answered ${res.statusCode}: ${text}`);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

/** A 24-character `sk-` secret, which the secret-key guardrail blocks. */
const SECRET = `sk-${'abcdefghijkl0123456789mn'}`;

/**
 * Sends traffic for `durationMs` at least, while applying `FAULT_TIMELINE`, and until every
 * phase and BEFORE_STOP have shown what they must; then waits for every request in flight.
 * Returns what the clients saw.
 */
export async function driveTraffic(stack: Stack, durationMs: number): Promise<TrafficTally> {
  const started = Date.now();
  let stopped = false;
  const tally: TrafficTally = {};
  const count = (kind: string, a: Answer) => {
    const key = `${kind} ${a.status}`;
    tally[key] = (tally[key] ?? 0) + 1;
    return a;
  };
  const worker = async (kind: string, next: (i: number) => Promise<Answer>, pauseMs: (a: Answer) => number) => {
    for (let i = 0; !stopped; i++) {
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
  // Every 4 s, four concurrent exports of the batch team, each of 16 completions of up to 4,096
  // tokens (65,536 tokens at worst): its 150,000 tokens a minute admit two, and the others are
  // refused with 429 while those are in flight.
  const bursts = async () => {
    while (!stopped) {
      const answers = await Promise.all(Array.from({ length: 4 }, (_, i) => stack.chat(ask('gpt-4o', `bulk export ${i}`, { n: 16, max_tokens: 4096 }), { key: BATCH.key })));
      for (const a of answers) count('burst', a);
      await sleep(4000);
    }
  };
  const shown = (c: Condition, step?: string) => pollFor(step ? `${step}: ${c.what}` : c.what, WAIT.live, () => c.holds(stack, tally));
  // A phase that had to wait pushes the later ones back by as much: each keeps its length.
  const control = async () => {
    let late = 0;
    for (const step of FAULT_TIMELINE) {
      await sleep(started + step.atMs + late - Date.now());
      if (step.after) await shown(step.after, step.what);
      late = Math.max(late, Date.now() - started - step.atMs);
      await Promise.all([
        step.a && put(`${stack.providerA.url}/admin/faults`, step.a),
        step.b && put(`${stack.providerB.url}/admin/faults`, step.b),
        step.ledger && put(`${stack.ledger.url}/admin/faults`, step.ledger),
      ]);
      if (step.until) await shown(step.until, step.what);
    }
    await sleep(started + durationMs + late - Date.now());
    for (const c of BEFORE_STOP) await shown(c);
  };

  const steady = () => 15;
  const workers = [
    worker('search', search, steady),
    worker('search', (i) => search(i + 1), steady),
    worker('support', support, steady),
    worker('finance', finance, (a) => (a.status === 200 ? 0 : 60)),
    worker('misuse', misuse, () => 150),
    bursts(),
  ];
  try {
    await control();
  } finally {
    stopped = true;
    await Promise.allSettled(workers);
  }
  await Promise.all(workers);
  return tally;
}
