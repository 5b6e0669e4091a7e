import { BUCKETS, REGIONS, ROUTES, durationMetric, requestsMetric, type BenchSLO } from './sloSpecs.js';

/**
 * Deterministic synthetic traffic for the bench services: per service, route and region a
 * request rate with a daily cycle and per-minute noise, a small error ratio with rare
 * error bursts, and a latency distribution with rare slow spells. Counts change once a
 * minute; a counter read between two minutes grows linearly, so the history written for
 * backfilling and the live exporter Prometheus scrapes afterwards are one continuous series.
 */

const MINUTE = 60;
const DAY = 86_400;
/** Share of 10-minute slots with an error burst, and of slots with slow responses. */
const BURST_SHARE = 0.005;
const SLOW_SHARE = 0.005;
/** Cumulative share of requests at or below each bucket of BUCKETS. */
const FAST_CDF = [0.6, 0.85, 0.97, 0.993, 0.998, 0.9995];
const SLOW_CDF = [0.2, 0.4, 0.7, 0.88, 0.95, 0.99];

/** What one (service, route, region) counts in a minute, in this order. */
export const QUANTITIES = ['c200', 'c500', 'c503', ...BUCKETS.map((_, i) => `b${i}`), 'count', 'sum'] as const;
const Q = QUANTITIES.length;
const C200 = 0, C500 = 1, C503 = 2, B0 = 3, COUNT = 3 + BUCKETS.length, SUM = COUNT + 1;

/** 32-bit integer mix (lowbias32): cheap, stateless, good enough for synthetic noise. */
function mix(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  return (x ^ (x >>> 16)) >>> 0;
}

function uniform(...keys: number[]): number {
  let h = 0x9e3779b9;
  for (const k of keys) h = mix(h ^ mix(k | 0));
  return h / 4294967296;
}

/** One labelled source of traffic: a service's route in a region. */
export interface Stream {
  service: string;
  serviceIndex: number;
  route: string;
  routeIndex: number;
  region: string;
  regionIndex: number;
}

export function streamsOf(serviceCount: number): Stream[] {
  const out: Stream[] = [];
  for (let s = 0; s < serviceCount; s++) {
    const service = `svc${String(s).padStart(2, '0')}`;
    ROUTES.forEach((route, r) => REGIONS.forEach((region, g) => out.push({ service, serviceIndex: s, route, routeIndex: r, region, regionIndex: g })));
  }
  return out;
}

/** Counts of `stream` during minute `k` (minutes since the epoch), into `out` at `offset`. */
export function minuteCounts(stream: Stream, k: number, out: Float64Array, offset = 0): void {
  const key = stream.serviceIndex * 100 + stream.routeIndex * 10 + stream.regionIndex;
  const rps = 2 + 18 * uniform(key, 1);
  const phase = 2 * Math.PI * uniform(key, 2);
  const t = k * MINUTE;
  const daily = 1 + 0.4 * Math.sin((2 * Math.PI * t) / DAY + phase);
  const noise = 1 + 0.2 * (uniform(key, 3, k) - 0.5);
  const n = Math.round(rps * MINUTE * daily * noise);
  const slot = Math.floor(k / 10);
  const burst = uniform(key, 4, slot) < BURST_SHARE;
  const errorRatio = burst ? 0.02 + 0.2 * uniform(key, 5, slot) : 0.0003 + 0.001 * uniform(key, 6);
  const errors = Math.round(n * errorRatio * (0.5 + uniform(key, 7, k)));
  const c500 = Math.round(errors * 0.7);
  out[offset + C500] = c500;
  out[offset + C503] = errors - c500;
  out[offset + C200] = n - errors;
  const slow = uniform(key, 8, slot) < SLOW_SHARE;
  const cdf = slow ? SLOW_CDF : FAST_CDF;
  for (let b = 0; b < BUCKETS.length; b++) out[offset + B0 + b] = Math.floor(n * cdf[b]!);
  out[offset + COUNT] = n;
  out[offset + SUM] = n * (slow ? 0.3 : 0.08);
}

/**
 * Per-minute counts of one stream over minutes [from, to), and their running totals:
 * `cum[(k - from) * Q + q]` is the counter value at the start of minute k.
 */
export class StreamHistory {
  readonly counts: Float64Array;
  readonly cum: Float64Array;
  constructor(readonly stream: Stream, readonly from: number, readonly to: number, start?: Float64Array) {
    const len = to - from;
    this.counts = new Float64Array(len * Q);
    this.cum = new Float64Array((len + 1) * Q);
    if (start) this.cum.set(start.subarray(0, Q));
    for (let i = 0; i < len; i++) {
      minuteCounts(stream, from + i, this.counts, i * Q);
      for (let q = 0; q < Q; q++) this.cum[(i + 1) * Q + q] = this.cum[i * Q + q]! + this.counts[i * Q + q]!;
    }
  }

  /** Counter value of quantity q at unix time t (seconds), exact between minute marks. */
  at(q: number, t: number): number {
    const m = t / MINUTE - this.from;
    const i = Math.min(Math.max(Math.floor(m), 0), this.to - this.from);
    const base = this.cum[i * Q + q]!;
    if (i >= this.to - this.from) return base;
    return base + (m - i) * this.counts[i * Q + q]!;
  }

  /** The counters at the end of the history: where a continuation starts. */
  end(): Float64Array {
    const len = this.to - this.from;
    return this.cum.slice(len * Q, (len + 1) * Q);
  }
}

/** The raw series of a stream: name, labels and which quantity each reads. */
export interface RawSeries {
  name: string;
  labels: Record<string, string>;
  quantity: number;
}

export function rawSeriesOf(stream: Stream): RawSeries[] {
  const base = { job: stream.service, instance: 'bench', route: stream.route, region: stream.region };
  const requests = requestsMetric(stream.service);
  const duration = durationMetric(stream.service);
  return [
    { name: requests, labels: { ...base, code: '200' }, quantity: C200 },
    { name: requests, labels: { ...base, code: '500' }, quantity: C500 },
    { name: requests, labels: { ...base, code: '503' }, quantity: C503 },
    ...BUCKETS.map((le, b) => ({ name: `${duration}_bucket`, labels: { ...base, le: String(le) }, quantity: B0 + b })),
    { name: `${duration}_bucket`, labels: { ...base, le: '+Inf' }, quantity: COUNT },
    { name: `${duration}_count`, labels: base, quantity: COUNT },
    { name: `${duration}_sum`, labels: base, quantity: SUM },
  ];
}

/** Bad and total events of an SLO (one region's share of it): counter positions to combine. */
export function sliQuantities(slo: BenchSLO): { bad: (h: StreamHistory, t: number) => number; total: (h: StreamHistory, t: number) => number } {
  if (slo.kind === 'latency') {
    const b = BUCKETS.indexOf(slo.threshold as (typeof BUCKETS)[number]);
    if (b < 0) throw new Error(`threshold ${slo.threshold} of ${slo.service}/${slo.name} is not a bucket`);
    return { bad: (h, t) => h.at(COUNT, t) - h.at(B0 + b, t), total: (h, t) => h.at(COUNT, t) };
  }
  // Both ratio kinds count 5xx as bad: "errors" selects them, "good" selects the 2xx rest.
  return { bad: (h, t) => h.at(C500, t) + h.at(C503, t), total: (h, t) => h.at(C200, t) + h.at(C500, t) + h.at(C503, t) };
}
