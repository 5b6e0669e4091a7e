/**
 * A local Prometheus full of synthetic data for `lookout preview --synthetic`: the catalog's
 * series over the preview window (and an hour before it, so the first rates and burn-rate
 * windows have history), and every recording rule's output over the same range, evaluated
 * and backfilled with promtool level by level, then served by the Debian Prometheus on 127.0.0.1 at a port
 * picked now, with the project's rules loaded. `stop` kills it by pid and removes its files.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import type { Catalog } from '../../../library/catalog/define.js';
import { formatDuration, parseDuration } from '../../../library/duration.js';
import { matchedValues } from './labelValues.js';
import { writeOpenMetrics } from './openmetrics.js';
import { PrometheusApi } from '../../prometheus/prometheusApi.js';
import { evaluateLevel } from './evaluateRules.js';
import { levels, readRecordings, ruleFilesOf } from './ruleLevels.js';
import { synthesize, type SyntheticSeries } from './series.js';
import { Traffic } from './traffic.js';

/** History before the window: the longest rate and burn-rate windows the panels draw from the first point. */
const LEAD_MS = 3_600_000;
export interface SyntheticOptions {
  catalogs: readonly Catalog[];
  /** The project's generated prometheus.yml: its rule files and scrape interval. */
  prometheusConfig: string;
  /** Queries whose literal label values the series should carry (the panels'). */
  queries: readonly string[];
  /** The window drawn: [now - lookback, now]. */
  lookbackMs: number;
  now?: number;
  /** Told what it is doing, one line per step. */
  progress?: (line: string) => void;
  /**
   * Starts a Prometheus on `dataDir` with `config` and resolves once it is ready; passed in by
   * the CLI (the load-test runner's launcher), so this folder does not import the runner.
   */
  launch: (dataDir: string, config: string) => Promise<PrometheusProcess>;
}

/** A Prometheus started by `launch`. */
export interface PrometheusProcess {
  url: string;
  stop(): Promise<void>;
}

export interface SyntheticPrometheus {
  url: string;
  /** Unix ms the data ends at: the preview draws up to here. */
  now: number;
  /** The sample spacing of the synthetic series: the scrape interval for `$__rate_interval`. */
  scrapeIntervalMs: number;
  /** What it holds. */
  stats: { series: number; samples: number; recordings: number; levels: number };
  stop(): Promise<void>;
}

/** The promtool binary from the Debian package; LOOKOUT_PROMTOOL overrides it. */
function promtool(): string {
  return process.env.LOOKOUT_PROMTOOL || 'promtool';
}

/** Writes `series` into the TSDB at `data` as new blocks; returns the number of samples. */
async function backfill(dir: string, data: string, series: readonly SyntheticSeries[]): Promise<number> {
  const input = path.join(dir, 'series.om');
  const samples = await writeOpenMetrics(input, series);
  const r = await execa(promtool(), ['tsdb', 'create-blocks-from', 'openmetrics', input, data], { reject: false, all: true, stdin: 'ignore' });
  if (r.exitCode !== 0) throw new Error(`promtool tsdb create-blocks-from openmetrics failed (exit ${r.exitCode}):\n${String(r.all ?? '').slice(-2000)}`);
  rmSync(input);
  return samples;
}

/** Builds the data, starts the Prometheus that serves it, and returns it running. */
export async function startSyntheticPrometheus(options: SyntheticOptions): Promise<SyntheticPrometheus> {
  const began = Date.now();
  const say = (line: string) => options.progress?.(`${((Date.now() - began) / 1000).toFixed(1)} s: ${line}`);
  const { files, scrapeInterval, evaluationInterval } = await ruleFilesOf(options.prometheusConfig);
  const stepMs = parseDuration(scrapeInterval ?? '') || 15_000;
  // Whole steps, so sample times and rule evaluations line up.
  const now = Math.floor((options.now ?? Date.now()) / stepMs) * stepMs;
  const startMs = now - options.lookbackMs - LEAD_MS;
  const times: number[] = [];
  for (let t = startMs; t <= now; t += stepMs) times.push(t / 1000);

  const dir = mkdtempSync(path.join(os.tmpdir(), 'lookout-synthetic-'));
  const data = path.join(dir, 'data');
  let server: PrometheusProcess | undefined;
  const stop = async () => {
    await server?.stop();
    server = undefined;
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const traffic = new Traffic({ from: (now - options.lookbackMs) / 1000, to: now / 1000 });
    const recordings = await readRecordings(files, evaluationInterval ?? '1m');
    const queries = [...options.queries, ...recordings.map((r) => r.expr)];
    const series = synthesize(options.catalogs, matchedValues(queries), times, traffic);
    const samples = await backfill(dir, data, series);
    say(`synthetic data: ${series.length} series, ${samples} samples from ${new Date(startMs).toISOString()}`);

    const ordered = levels(recordings);
    // While backfilling, the Prometheus evaluates nothing itself: the rules are run as range queries.
    const bare = path.join(dir, 'bare.yml');
    writeFileSync(bare, `global:\n  scrape_interval: ${formatDuration(stepMs)}\n`);
    for (const [i, level] of ordered.entries()) {
      // A restart loads the blocks the level before wrote.
      server = await options.launch(data, bare);
      const outputs = await evaluateLevel(new PrometheusApi(server.url), level, startMs / 1000, now / 1000);
      await server.stop();
      server = undefined;
      await backfill(dir, data, outputs);
      say(`recording rules, level ${i + 1} of ${ordered.length}: ${level.length} rules, ${outputs.length} series`);
    }
    // The one that is kept: the project's rules loaded, as they would run.
    const served = path.join(dir, 'prometheus.yml');
    writeFileSync(served, `global:\n  scrape_interval: ${formatDuration(stepMs)}\n  evaluation_interval: ${evaluationInterval ?? '1m'}\nrule_files:\n${files.map((f) => `  - ${JSON.stringify(f)}\n`).join('')}`);
    server = await options.launch(data, served);
    return { url: server.url, now, scrapeIntervalMs: stepMs, stats: { series: series.length, samples, recordings: recordings.length, levels: ordered.length }, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
