import { Agent, request } from 'undici';
import { DEMO_KEYS } from '../gateway/config/default.js';
import type { ModelName, TeamName, Traffic } from './scenario.js';

/** What the driver has sent so far and how each request ended: HTTP status, or `error` when no answer came. */
export interface TrafficDriver {
  /** Requests by outcome, e.g. { "200": 900, "503": 12, "error": 1 }. */
  counts(): Record<string, number>;
  sent(): number;
  /** Stops sending and waits (up to `graceMs`) for requests in flight. */
  stop(graceMs?: number): Promise<void>;
}

/** The nth element of a weighted cycle: weights {a: 3, b: 1} give a, a, a, b, a, a, a, b, ... */
export function weightedCycle<K extends string>(weights: Readonly<Partial<Record<K, number>>>): (n: number) => K {
  const slots: K[] = [];
  for (const [key, weight] of Object.entries(weights) as Array<[K, number]>) for (let i = 0; i < weight; i++) slots.push(key);
  if (slots.length === 0) throw new Error('a traffic mix needs at least one entry with a positive weight');
  return (n) => slots[n % slots.length]!;
}

/** The nth request of a mix: which replica, team, model, and whether it streams. */
export function nthRequest(traffic: Traffic, n: number, replicas: number): { replica: number; team: TeamName; model: ModelName; stream: boolean } {
  const team = weightedCycle(traffic.teams);
  const model = weightedCycle(traffic.models);
  // Streams are spread through the run (every 1/share-th request), not bunched at its start.
  const stream = Math.floor((n + 1) * traffic.streamingShare) > Math.floor(n * traffic.streamingShare);
  // Team and model cycles advance on different counters so each team asks for every model.
  return { replica: n % replicas, team: team(n), model: model(Math.floor(n / replicas)), stream };
}

/**
 * Sends chat requests at `traffic.ratePerSecond`, evenly spaced (request n is due at
 * start + n/rate, whatever the answers take: an open loop, so a slow gateway does not slow the
 * offered load), round-robin over `replicaUrls`. Streams are read to their end.
 */
export function startTraffic(traffic: Traffic, replicaUrls: readonly string[], options: { timeoutMs?: number } = {}): TrafficDriver {
  const agent = new Agent({ connections: 64, headersTimeout: options.timeoutMs ?? 30_000, bodyTimeout: options.timeoutMs ?? 30_000 });
  const counts: Record<string, number> = {};
  const inFlight = new Set<Promise<void>>();
  const intervalMs = 1000 / traffic.ratePerSecond;
  const start = performance.now();
  let n = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;

  const count = (outcome: string): void => {
    counts[outcome] = (counts[outcome] ?? 0) + 1;
  };
  const send = (i: number) => {
    const r = nthRequest(traffic, i, replicaUrls.length);
    const body = { model: r.model, messages: [{ role: 'user', content: `load test request ${i}` }], ...(r.stream && { stream: true }) };
    const p = request(`${replicaUrls[r.replica]}/v1/chat/completions`, {
      method: 'POST',
      dispatcher: agent,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${DEMO_KEYS[r.team]}` },
      body: JSON.stringify(body),
    })
      .then(async (res) => {
        await res.body.text();
        count(String(res.statusCode));
      })
      .catch(() => {
        count('error');
      })
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
  };
  const tick = () => {
    if (stopped) return;
    const due = Math.floor((performance.now() - start) / intervalMs) + 1;
    while (n < due) send(n++);
    timer = setTimeout(tick, Math.max(0, start + n * intervalMs - performance.now()));
  };
  tick();

  return {
    counts: () => ({ ...counts }),
    sent: () => n,
    async stop(graceMs = 15_000) {
      stopped = true;
      clearTimeout(timer);
      await Promise.race([Promise.allSettled([...inFlight]), new Promise((r) => setTimeout(r, graceMs))]);
      await agent.destroy().catch(() => {});
    },
  };
}
