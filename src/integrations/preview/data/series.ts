/**
 * Synthetic series for every metric of a catalog, sampled at a fixed step: counters that only
 * go up, histograms whose buckets are cumulative and consistent with `_count` and `_sum`,
 * gauges at a plausible level (an enum gauge in its healthy state, a timestamp just behind
 * the sample time), and `up` for every job.
 */
import { catalogJobs, type Catalog } from '../../../library/catalog/define.js';
import type { AnyMetric } from '../../../library/catalog/metric.js';
import { valuesOf } from './labelValues.js';
import { isFailure, Traffic, unitHash, valueWeight } from './traffic.js';

/** One series: its labels (with `__name__`) and its value at each of its sample times (unix seconds). */
export interface SyntheticSeries {
  labels: Record<string, string>;
  times: readonly number[];
  values: number[];
}

/** Past this many label sets a metric gets a covering subset: every value of every label once. */
const MAX_LABEL_SETS = 600;
/** The instance label of every synthetic series. */
export const SYNTHETIC_INSTANCE = 'synthetic:9100';

/** Every combination of the label values, or a covering subset when that is too many. */
function labelSets(values: [string, string[]][]): Record<string, string>[] {
  const total = values.reduce((n, [, v]) => n * v.length, 1);
  if (total > MAX_LABEL_SETS) {
    const rows = Math.max(...values.map(([, v]) => v.length));
    return Array.from({ length: rows }, (_, i) => Object.fromEntries(values.map(([k, v]) => [k, v[i % v.length]!])));
  }
  let out: Record<string, string>[] = [{}];
  for (const [k, vs] of values) out = out.flatMap((set) => vs.map((v) => ({ ...set, [k]: v })));
  return out;
}

/** Standard normal CDF (Abramowitz-Stegun 7.1.26): enough to shape bucket counts. */
function normalCdf(x: number): number {
  const t = 1 / (1 + 0.3275911 * (Math.abs(x) / Math.SQRT2));
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-(x * x) / 2);
  return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/** Spread of the latency distribution (log-normal): most observations within a few buckets. */
const SIGMA = 0.6;

/** Requests per second of a counter or histogram series, before the wave. */
function baseRate(metric: AnyMetric, labels: Record<string, string>): number {
  const unit = metric.info.unit;
  const scale = unit === 'tokens' ? 300 : unit === 'usd' || unit === 'dollars' ? 0.002 : unit === 'bytes' ? 20_000 : 2;
  const weight = Object.values(labels).reduce((w, v) => w * valueWeight(v), 1);
  return scale * weight * (0.5 + unitHash(JSON.stringify(labels)));
}

function failing(labels: Record<string, string>): boolean {
  return Object.values(labels).some(isFailure);
}

/** Integrates `rate(t)` over the sample times: a counter's values. */
function integrate(times: readonly number[], rate: (t: number) => number): number[] {
  let total = 0;
  return times.map((t, i) => {
    if (i > 0) total += rate(t) * (t - times[i - 1]!);
    return Math.round(total * 1000) / 1000;
  });
}

function counterSeries(metric: AnyMetric, labels: Record<string, string>, times: readonly number[], traffic: Traffic): SyntheticSeries[] {
  const base = baseRate(metric, labels);
  const phase = unitHash(metric.info.name);
  const fails = failing(labels);
  return [{ labels: { __name__: metric.info.name, ...labels }, times, values: integrate(times, (t) => base * traffic.wave(t, phase) * (fails ? traffic.failureFactor(t) : 1)) }];
}

function histogramSeries(metric: AnyMetric & { type: 'histogram' }, labels: Record<string, string>, times: readonly number[], traffic: Traffic): SyntheticSeries[] {
  const buckets = [...metric.buckets].sort((a, b) => a - b);
  const base = baseRate(metric, labels);
  const phase = unitHash(metric.info.name);
  // Most observations fall in the lower buckets, so latency SLOs (whose thresholds sit higher)
  // hold; in the incident most requests take twice the largest bucket, so they burn.
  const median = buckets.length ? buckets[Math.floor((buckets.length - 1) * 0.2)]! : 1;
  const slowest = 2 * (buckets[buckets.length - 1] ?? 1);
  const rate = (t: number) => base * traffic.wave(t, phase);
  const below = (le: number, t: number) => (1 - traffic.stalled(t)) * normalCdf((Math.log(le) - Math.log(median)) / SIGMA);
  const name = metric.info.name;
  const out: SyntheticSeries[] = buckets.map((le) => ({ labels: { __name__: `${name}_bucket`, ...labels, le: String(le) }, times, values: integrate(times, (t) => rate(t) * below(le, t)) }));
  const count = integrate(times, rate);
  out.push({ labels: { __name__: `${name}_bucket`, ...labels, le: '+Inf' }, times, values: count });
  out.push({ labels: { __name__: `${name}_count`, ...labels }, times, values: count });
  out.push({ labels: { __name__: `${name}_sum`, ...labels }, times, values: integrate(times, (t) => rate(t) * ((1 - traffic.stalled(t)) * median * Math.exp((SIGMA * SIGMA) / 2) + traffic.stalled(t) * slowest)) });
  return out;
}

function gaugeValue(metric: AnyMetric & { type: 'gauge' }, labels: Record<string, string>, traffic: Traffic): (t: number) => number {
  const name = metric.info.name;
  const states = metric.states ? Object.entries(metric.states) : [];
  if (states.length > 0) {
    // The healthy state: the first one that does not name a failure.
    const healthy = states.find(([state]) => !isFailure(state) && !/fail/i.test(state)) ?? states[0]!;
    return () => healthy[1];
  }
  if (/timestamp/.test(name)) return (t) => Math.floor(t / 300) * 300;
  if (/_info$/.test(name)) return () => 1;
  const phase = unitHash(name + JSON.stringify(labels));
  if (metric.info.unit === 'ratio') return (t) => 0.5 * traffic.wave(t, phase);
  if (/capacity|limit|max/.test(name)) return () => 1000;
  return (t) => Math.round(40 * (0.5 + phase) * traffic.wave(t, phase) * (traffic.inIncident(t) ? 1.5 : 1));
}

/** The series of one catalog metric, for every label set, at `times` (unix seconds). */
function metricSeries(metric: AnyMetric, job: string, matched: ReadonlyMap<string, ReadonlySet<string>>, times: readonly number[], traffic: Traffic): SyntheticSeries[] {
  const declared = Object.entries(metric.info.labels ?? {}).sort(([a], [b]) => a.localeCompare(b));
  const sets = labelSets(declared.map(([k, v]) => [k, valuesOf(k, v, matched)]));
  return sets.flatMap((set) => {
    const labels = { ...set, job, instance: SYNTHETIC_INSTANCE };
    if (metric.type === 'counter') return counterSeries(metric, labels, times, traffic);
    if (metric.type === 'histogram') return histogramSeries(metric, labels, times, traffic);
    const value = gaugeValue(metric, labels, traffic);
    return [{ labels: { __name__: metric.info.name, ...labels }, times, values: times.map(value) }];
  });
}

/**
 * Every series of the catalogs at `times`: each metric once per job that exposes it, and `up`
 * at 1 for each job.
 */
export function synthesize(catalogs: readonly Catalog[], matched: ReadonlyMap<string, ReadonlySet<string>>, times: readonly number[], traffic: Traffic): SyntheticSeries[] {
  const out: SyntheticSeries[] = [];
  const jobs = new Set<string>();
  for (const catalog of catalogs) {
    for (const job of catalogJobs(catalog)) {
      jobs.add(job);
      for (const metric of Object.values(catalog.metrics)) out.push(...metricSeries(metric, job, matched, times, traffic));
    }
  }
  for (const job of [...jobs].sort()) out.push({ labels: { __name__: 'up', job, instance: SYNTHETIC_INSTANCE }, times, values: times.map((t) => (traffic.down(t) ? 0 : 1)) });
  return out;
}
