import { closeSync, openSync, writeSync } from 'node:fs';
import type { RecordedRead } from './ruleSets.js';
import { REGIONS, type BenchSLO } from './sloSpecs.js';
import { rawSeriesOf, sliQuantities, StreamHistory, streamsOf, type Stream } from './traffic.js';

/**
 * Writes the TSDB history both rule sets need, as OpenMetrics text for `promtool tsdb
 * create-blocks-from openmetrics`: the raw counters for the longest raw range either set
 * reads (Sloth's 3d), and every recorded series a rule reads over a range, for that range,
 * at its group's interval: lookout's 5m rates for 3d and hourly rates for 30d, Sloth's 5m
 * ratios for 30d. Recorded values are computed from the same traffic the counters count,
 * as the recording rules would have computed them; only their number and spacing matter to
 * the evaluation cost, and an accuracy check against the exact ratio shows they are right.
 */

export interface HistoryOptions {
  file: string;
  /** Unix seconds, on a minute: the last sample of every series. */
  end: number;
  services: number;
  slos: readonly BenchSLO[];
  scrapeSec: number;
  rawRangeSec: number;
  reads: readonly RecordedRead[];
  /** Extra history before each range, so a window ending after `end` is still full. */
  marginSec: number;
}

export interface HistoryResult {
  samples: number;
  rawSamples: number;
  recordedSamples: number;
  series: number;
  /** Series written per recorded metric name. */
  seriesByName: Map<string, number>;
  bytes: number;
  /** Counters of every stream at `end`, where the live exporter continues. */
  endCounters: Map<Stream, Float64Array>;
  /** Exact bad/total ratio over `periodSec` before `end`, per `${service}/${slo}/${region}`. */
  exactPeriodRatio: Map<string, number>;
}

class LineWriter {
  private parts: string[] = [];
  private size = 0;
  bytes = 0;
  constructor(private readonly fd: number) {}
  line(s: string): void {
    this.parts.push(s);
    this.size += s.length + 1;
    if (this.size > 4_000_000) this.flush();
  }
  flush(): void {
    if (this.parts.length === 0) return;
    const chunk = this.parts.join('\n') + '\n';
    this.bytes += writeSync(this.fd, chunk);
    this.parts = [];
    this.size = 0;
  }
}

const labelText = (labels: Record<string, string>) =>
  Object.keys(labels)
    .sort()
    .map((k) => `${k}="${labels[k]}"`)
    .join(',');

/** Which SLO a recorded series belongs to, from lookout's or Sloth's labels. */
function sloOf(read: RecordedRead, slos: readonly BenchSLO[]): BenchSLO {
  const service = read.labels.service ?? read.labels.sloth_service;
  const name = read.labels.slo ?? read.labels.sloth_slo;
  const slo = slos.find((s) => s.service === service && s.name === name);
  if (!slo) throw new Error(`${read.record}${JSON.stringify(read.labels)} belongs to no benchmark SLO`);
  // Rules that aggregate raw series must split by region exactly when the SLO groups by it.
  if (/\bsum\b/.test(read.expr) && /\bby \(region\)/.test(read.expr) !== slo.groupBy.includes('region')) {
    throw new Error(`${read.record} of ${slo.service}/${slo.name}: grouping in the rule does not match the SLO's groupBy`);
  }
  return slo;
}

type Value = (bad: (t: number) => number, total: (t: number) => number, t: number) => number;

/** How the value of a recorded series follows from the counters, by record name. */
function valueOf(record: string): Value {
  const rate = (w: number) => (c: (t: number) => number, t: number) => (c(t) - c(t - w)) / w;
  switch (record) {
    case 'slo:sli_errors:rate5m':
      return (bad, _total, t) => rate(300)(bad, t);
    case 'slo:sli_total:rate5m':
      return (_bad, total, t) => rate(300)(total, t);
    case 'slo:sli_errors:rate1h':
      return (bad, _total, t) => rate(3600)(bad, t);
    case 'slo:sli_total:rate1h':
      return (_bad, total, t) => rate(3600)(total, t);
    case 'slo:sli_error:ratio_rate5m':
      return (bad, total, t) => rate(300)(bad, t) / rate(300)(total, t);
    default:
      throw new Error(`no synthetic history for ${record}: teach scripts/bench/history.ts how it is computed`);
  }
}

export function writeHistory(o: HistoryOptions, periodSec: number): HistoryResult {
  const fd = openSync(o.file, 'w');
  const out = new LineWriter(fd);
  const longest = Math.max(o.rawRangeSec, periodSec, ...o.reads.map((r) => r.rangeSec)) + o.marginSec + 3600;
  const fromMinute = Math.floor((o.end - longest) / 60);
  const endMinute = o.end / 60;
  const streams = streamsOf(o.services);
  const endCounters = new Map<Stream, Float64Array>();
  const exactPeriodRatio = new Map<string, number>();
  const readsBySLO = new Map<BenchSLO, RecordedRead[]>();
  for (const r of o.reads) {
    const slo = sloOf(r, o.slos);
    readsBySLO.set(slo, [...(readsBySLO.get(slo) ?? []), r]);
  }
  let rawSamples = 0;
  let recordedSamples = 0;
  let series = 0;
  const seriesByName = new Map<string, number>();
  // One service route at a time: its two regions' histories are all an SLO needs.
  for (let i = 0; i < streams.length; i += REGIONS.length) {
    const regionStreams = streams.slice(i, i + REGIONS.length);
    const histories = regionStreams.map((s) => new StreamHistory(s, fromMinute, endMinute));
    for (const h of histories) {
      endCounters.set(h.stream, h.end());
      for (const raw of rawSeriesOf(h.stream)) {
        const head = `${raw.name}{${labelText(raw.labels)}} `;
        for (let t = o.end - o.rawRangeSec - o.marginSec; t <= o.end; t += o.scrapeSec) {
          out.line(`${head}${Math.floor(h.at(raw.quantity, t))} ${t}`);
          rawSamples++;
        }
        series++;
      }
    }
    const { service, route } = regionStreams[0]!;
    for (const slo of o.slos.filter((s) => s.service === service && s.route === route)) {
      const q = sliQuantities(slo);
      const parts = slo.groupBy.includes('region') ? histories.map((h) => ({ region: h.stream.region, hs: [h] })) : [{ region: undefined, hs: histories }];
      for (const { region, hs } of parts) {
        const bad = (t: number) => hs.reduce((acc, h) => acc + q.bad(h, t), 0);
        const total = (t: number) => hs.reduce((acc, h) => acc + q.total(h, t), 0);
        exactPeriodRatio.set(`${slo.service}/${slo.name}/${region ?? ''}`, (bad(o.end) - bad(o.end - periodSec)) / (total(o.end) - total(o.end - periodSec)));
        for (const read of readsBySLO.get(slo) ?? []) {
          const value = valueOf(read.record);
          const labels = region ? { ...read.labels, region } : read.labels;
          const head = `${read.record}{${labelText(labels)}} `;
          const step = read.intervalSec;
          const first = o.end - Math.ceil((read.rangeSec + o.marginSec) / step) * step;
          for (let t = first; t <= o.end; t += step) {
            out.line(`${head}${value(bad, total, t)} ${t}`);
            recordedSamples++;
          }
          series++;
          seriesByName.set(read.record, (seriesByName.get(read.record) ?? 0) + 1);
        }
      }
    }
  }
  out.line('# EOF');
  out.flush();
  closeSync(fd);
  return { samples: rawSamples + recordedSamples, rawSamples, recordedSamples, series, seriesByName, bytes: out.bytes, endCounters, exactPeriodRatio };
}
