import { Agent, request } from 'undici';
import { DEMO_KEYS } from '../gateway/config/default.js';
import { realClock, type Clock } from './clock.js';
import type { ModelName, TeamName, Traffic } from './scenario.js';

/** What the driver has sent so far and how each request ended: HTTP status, or `error` when no answer came. */
export interface TrafficDriver {
  /** Requests by outcome, e.g. { "200": 900, "503": 12, "abandoned": 40, "error": 1 }: `abandoned` is a stream the client hung up on. */
  counts(): Record<string, number>;
  sent(): number;
  /** Requests a refused connection moved to another replica (each is counted once, by how it ended). */
  rerouted(): number;
  /** Changes the mix from the next request on; a new rate counts from now. */
  change(patch: Partial<Traffic>): void;
  /** Stops sending and waits (up to `graceMs`) for requests in flight; later calls wait for the first. */
  stop(graceMs?: number): Promise<void>;
}

/** The nth element of a weighted cycle: weights {a: 3, b: 1} give a, a, a, b, a, a, a, b, ... */
export function weightedCycle<K extends string>(weights: Readonly<Partial<Record<K, number>>>): (n: number) => K {
  const slots: K[] = [];
  for (const [key, weight] of Object.entries(weights) as Array<[K, number]>) for (let i = 0; i < weight; i++) slots.push(key);
  if (slots.length === 0) throw new Error('a traffic mix needs at least one entry with a positive weight');
  return (n) => slots[n % slots.length]!;
}

/** Whether request n is one of a `share` of requests spread evenly through the run (every 1/share-th), not bunched at its start. */
const spread = (n: number, share: number) => Math.floor((n + 1) * share) > Math.floor(n * share);

/** One request of a mix: which replica, team, model, whether it streams, whether its prompt is one a guardrail blocks, and whether its client walks away. */
export interface PlannedRequest {
  readonly replica: number;
  readonly team: TeamName;
  readonly model: ModelName;
  readonly stream: boolean;
  readonly blocked: boolean;
  /** A stream whose client hangs up after `abandonAfterChunks` content chunks. */
  readonly abandoned: boolean;
}

/** The requests of a mix by their number, over `replicas` replicas; built once per mix. */
export function requestMix(traffic: Traffic, replicas: number): (n: number) => PlannedRequest {
  const team = weightedCycle(traffic.teams);
  const model = weightedCycle(traffic.models);
  // Team and model cycles advance on different counters so each team asks for every model.
  return (n) => {
    const stream = spread(n, traffic.streamingShare);
    return {
      replica: n % replicas,
      team: team(n),
      model: model(Math.floor(n / replicas)),
      stream,
      // On the replicas' counter, like models, so that a blocked share of a half does not land on one replica only.
      blocked: spread(Math.floor(n / replicas), traffic.blockedShare ?? 0),
      // Spread over the streams, on their own counter divided like the models' (so that a share
      // of a half does not land on one replica only): every team, model and replica gets some.
      abandoned: stream && spread(Math.floor(Math.floor(n * traffic.streamingShare) / replicas), traffic.abandonedShare ?? 0),
    };
  };
}

/**
 * The prompt of request n: plain text, or, for a blocked one, text carrying a string shaped
 * like an API secret (`sk-` and 24 lowercase letters and digits), which the default config's
 * `secret-key` guardrail blocks at the request stage.
 */
export function promptOf(n: number, blocked: boolean): string {
  return blocked ? `load test request ${n}: deploy with sk-loadtestsecret${String(n).padStart(10, '0')}` : `load test request ${n}`;
}

/**
 * Reads an SSE body until `chunks` content chunks have come, then hangs up (destroys the
 * body, closing the connection). False when the stream ended first: the client read it all.
 */
async function hungUpAfter(body: AsyncIterable<Buffer> & { destroy(): void }, chunks: number): Promise<boolean> {
  const decoder = new TextDecoder();
  let seen = 0;
  let pending = '';
  for await (const bytes of body) {
    pending += decoder.decode(bytes, { stream: true });
    let end: number;
    while ((end = pending.indexOf('\n\n')) >= 0) {
      if (/"content":"[^"]/.test(pending.slice(0, end)) && ++seen >= chunks) {
        body.destroy();
        return true;
      }
      pending = pending.slice(end + 2);
    }
  }
  return false;
}

/** How long a replica that refused a connection is left out, as a load balancer's passive health check would. */
const REFUSED_HOLD_MS = 5_000;

const refused = (e: unknown) => {
  const code = (e as { code?: string; cause?: { code?: string } }).code ?? (e as { cause?: { code?: string } }).cause?.code;
  return code === 'ECONNREFUSED';
};

/**
 * Sends chat requests at `traffic.ratePerSecond`, evenly spaced (request n is due at
 * start + n/rate, whatever the answers take: an open loop, so a slow gateway does not slow the
 * offered load), round-robin over `replicaUrls`, as a load balancer in front of them would: a
 * replica that refuses a connection is left out for a few seconds and the request goes to the
 * next one. Streams are read to their end. `clock` is for tests: the schedule, the time a
 * refusing replica is left out and the stop's grace period run on it.
 */
export function startTraffic(initial: Traffic, replicaUrls: readonly string[], options: { timeoutMs?: number; clock?: Clock } = {}): TrafficDriver {
  const clock = options.clock ?? realClock;
  const agent = new Agent({ connections: 256, headersTimeout: options.timeoutMs ?? 30_000, bodyTimeout: options.timeoutMs ?? 30_000 });
  const counts: Record<string, number> = {};
  const inFlight = new Set<Promise<void>>();
  const downUntil = replicaUrls.map(() => 0);
  let traffic = initial;
  let mix = requestMix(traffic, replicaUrls.length);
  // Request n is due at anchorAt + (n - anchorN) / rate; a rate change moves the anchor to now.
  let anchorAt = clock.now();
  let anchorN = 0;
  let n = 0;
  let reroutes = 0;
  let stopped = false;
  let stopping: Promise<void> | undefined;
  let timer: unknown;

  const count = (outcome: string): void => {
    counts[outcome] = (counts[outcome] ?? 0) + 1;
  };
  const pick = (preferred: number, after?: number): number => {
    const now = clock.now();
    for (let k = 0; k < replicaUrls.length; k++) {
      const r = (preferred + k) % replicaUrls.length;
      if (r !== after && downUntil[r]! <= now) return r;
    }
    return after === undefined ? preferred : (after + 1) % replicaUrls.length;
  };
  const post = (replica: number, body: string, team: TeamName) =>
    request(`${replicaUrls[replica]}/v1/chat/completions`, {
      method: 'POST',
      dispatcher: agent,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${DEMO_KEYS[team]}` },
      body,
    });
  const send = (i: number) => {
    const r = mix(i);
    const body = JSON.stringify({ model: r.model, messages: [{ role: 'user', content: promptOf(i, r.blocked) }], ...(r.stream && { stream: true }) });
    const first = pick(r.replica);
    const p = post(first, body, r.team)
      .catch((e: unknown) => {
        if (!refused(e) || replicaUrls.length < 2) throw e;
        downUntil[first] = clock.now() + REFUSED_HOLD_MS;
        reroutes++;
        return post(pick(first, first), body, r.team);
      })
      .then(async (res) => {
        if (r.abandoned && res.statusCode === 200 && (await hungUpAfter(res.body, traffic.abandonAfterChunks ?? 1))) return count('abandoned');
        await res.body.text();
        count(String(res.statusCode));
      })
      .catch(() => {
        count('error');
      })
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
  };
  const dueAt = (k: number) => anchorAt + ((k - anchorN) * 1000) / traffic.ratePerSecond;
  const tick = () => {
    if (stopped) return;
    const now = clock.now();
    while (dueAt(n) <= now) send(n++);
    timer = clock.setTimeout(tick, Math.max(0, dueAt(n) - clock.now()));
  };
  tick();

  return {
    counts: () => ({ ...counts }),
    sent: () => n,
    rerouted: () => reroutes,
    change(patch) {
      if (patch.ratePerSecond !== undefined) {
        anchorAt = clock.now();
        anchorN = n;
      }
      traffic = { ...traffic, ...patch };
      mix = requestMix(traffic, replicaUrls.length);
      clock.clearTimeout(timer);
      tick();
    },
    stop(graceMs = 15_000) {
      // Once: a second call (the runner's cleanup after a normal stop) waits for the first.
      stopping ??= (async () => {
        stopped = true;
        clock.clearTimeout(timer);
        let grace: unknown;
        await Promise.race([Promise.allSettled([...inFlight]), new Promise((r) => (grace = clock.setTimeout(() => r(undefined), graceMs)))]);
        clock.clearTimeout(grace);
        await agent.destroy().catch(() => {});
      })();
      return stopping;
    },
  };
}
