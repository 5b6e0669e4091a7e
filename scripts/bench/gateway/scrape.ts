import { Pool } from 'undici';
import { scrapeKey, scrapeModel } from './config.js';
import { percentiles, type Percentiles } from './percentiles.js';
import { chatRequest, emptyTally, sendOnce, type Tally } from './request.js';

export interface ScrapeResult {
  /** Non-comment lines of the last scrape: one per series (each histogram bucket, _sum and _count counts). */
  readonly series: number;
  readonly bytes: number;
  readonly scrapes: number;
  /** Untimed scrapes before the timed ones. */
  readonly warmup: number;
  /** CPU the gateway process spent per scrape (all scrapes, warm-up included), in milliseconds. */
  readonly gatewayCpuMsPerScrape: number;
  /** GET /metrics over HTTP, request to last byte. */
  readonly latencyMs: Percentiles;
  readonly seeding: Tally & { readonly requests: number; readonly seconds: number };
}

/**
 * Creates the series: one chat completion per (model, team) pair of a `scrapeConfig` gateway,
 * `concurrency` at a time, so every per-request metric gets models × teams label sets.
 */
export async function seedSeries(origin: string, models: number, teams: number, concurrency = 16): Promise<ScrapeResult['seeding']> {
  const pool = new Pool(origin, { connections: concurrency });
  const tally = emptyTally();
  const started = performance.now();
  const pairs = Array.from({ length: models * teams }, (_, i) => chatRequest(scrapeKey(i % teams), scrapeModel(Math.floor(i / teams))));
  let next = 0;
  const worker = async () => {
    while (next < pairs.length) await sendOnce(pool, pairs[next++]!, tally);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  await pool.close();
  return { ...tally, requests: pairs.length, seconds: (performance.now() - started) / 1000 };
}

/** Times `count` scrapes of `url` one after another (as one Prometheus would), after `warmup` untimed ones. */
export async function timeScrapes(url: string, count: number, warmup = 3): Promise<Omit<ScrapeResult, 'seeding' | 'gatewayCpuMsPerScrape'>> {
  const { origin, pathname } = new URL(url);
  const pool = new Pool(origin, { connections: 1 });
  const times: number[] = [];
  let text = '';
  for (let i = 0; i < warmup + count; i++) {
    const started = performance.now();
    const res = await pool.request({ path: pathname, method: 'GET' });
    text = await res.body.text();
    if (res.statusCode !== 200) throw new Error(`GET ${url} answered ${res.statusCode}: ${text.slice(0, 200)}`);
    if (i >= warmup) times.push(performance.now() - started);
  }
  await pool.close();
  return { series: countSeries(text), bytes: Buffer.byteLength(text), scrapes: count, warmup, latencyMs: percentiles(times) };
}

/** Lines of Prometheus text exposition that are samples: not blank, not # HELP / # TYPE. */
export function countSeries(exposition: string): number {
  let n = 0;
  for (const line of exposition.split('\n')) if (line !== '' && !line.startsWith('#')) n++;
  return n;
}
