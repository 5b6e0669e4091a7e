import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, closeSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { freePort, waitForReady } from '../../src/integrations/loadtest/ports.js';

/**
 * A real Prometheus (Debian's /usr/bin/prometheus, or LOOKOUT_PROMETHEUS) on 127.0.0.1 at a
 * port picked at run time, over a TSDB folder the caller prepared, stopped by its pid.
 */

export function prometheusBinary(): string {
  return process.env.LOOKOUT_PROMETHEUS || 'prometheus';
}

export interface PrometheusOptions {
  /** Folder for prometheus.yml and the log; `dataDir` may live elsewhere. */
  dir: string;
  dataDir: string;
  ruleFiles: readonly string[];
  scrapeTarget: string;
  scrapeInterval: string;
  evaluationInterval: string;
}

export interface RunningPrometheus {
  url: string;
  pid: number;
  log: string;
  stop(): Promise<void>;
}

/** Every Prometheus this process started and has not stopped yet, with how to stop it. */
const running = new Map<ChildProcess, () => Promise<void>>();

/** Stops, by pid, every Prometheus started here, including one still starting. */
export async function stopAllStarted(): Promise<void> {
  await Promise.allSettled([...running.values()].map((stop) => stop()));
}

/** The last resort when a graceful stop hangs: SIGKILL by pid. */
export function killAllStarted(): void {
  for (const child of running.keys()) if (child.pid && child.exitCode === null) process.kill(child.pid, 'SIGKILL');
}

export async function startPrometheus(o: PrometheusOptions): Promise<RunningPrometheus> {
  const config = path.join(o.dir, 'prometheus.yml');
  writeFileSync(
    config,
    [
      'global:',
      `  scrape_interval: ${o.scrapeInterval}`,
      `  evaluation_interval: ${o.evaluationInterval}`,
      'rule_files:',
      ...o.ruleFiles.map((f) => `  - ${JSON.stringify(f)}`),
      'scrape_configs:',
      '  - job_name: bench',
      '    honor_labels: true',
      '    static_configs:',
      `      - targets: [${JSON.stringify(o.scrapeTarget)}]`,
      '',
    ].join('\n'),
  );
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const log = path.join(o.dir, 'prometheus.log');
  const fd = openSync(log, 'a');
  const child = spawn(
    prometheusBinary(),
    [
      `--config.file=${config}`,
      `--storage.tsdb.path=${o.dataDir}`,
      // The backfilled history is up to 31 days old: keep all of it.
      '--storage.tsdb.retention.time=400d',
      `--web.listen-address=127.0.0.1:${port}`,
      '--web.enable-lifecycle',
    ],
    { stdio: ['ignore', fd, fd] },
  );
  closeSync(fd);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null && child.pid) {
      process.kill(child.pid, 'SIGTERM');
      const timer = setTimeout(() => child.pid && child.exitCode === null && process.kill(child.pid, 'SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }
    running.delete(child);
  };
  running.set(child, stop);
  try {
    await waitForReady(`${url}/-/ready`, 60_000, () => child.exitCode === null && child.signalCode === null);
  } catch (e) {
    await stop();
    const tail = readFileSync(log, 'utf8').slice(-3000);
    throw new Error(`${e instanceof Error ? e.message : String(e)}\n${tail}`);
  }
  return { url, pid: child.pid!, log, stop };
}

/** Prometheus's own metrics, as `name{labels}` → value. */
export async function scrapeSelf(url: string): Promise<Map<string, number>> {
  const res = await fetch(`${url}/metrics`);
  const text = await res.text();
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const i = line.lastIndexOf(' ');
    out.set(line.slice(0, i), Number(line.slice(i + 1)));
  }
  return out;
}

/** Sum of every series of `name` (any labels) in a self-scrape. */
export function metricSum(metrics: Map<string, number>, name: string): number | undefined {
  let sum: number | undefined;
  for (const [k, v] of metrics) {
    if (k === name || k.startsWith(`${name}{`)) sum = (sum ?? 0) + v;
  }
  return sum;
}

export interface ApiRule {
  name: string;
  type: 'recording' | 'alerting';
  health: string;
  lastError?: string;
  evaluationTime: number;
  lastEvaluation: string;
  /** Alerting rules only. */
  labels?: Record<string, string>;
}

export interface ApiGroup {
  name: string;
  file: string;
  interval: number;
  evaluationTime: number;
  lastEvaluation: string;
  rules: ApiRule[];
}

export async function ruleGroups(url: string): Promise<ApiGroup[]> {
  const res = await fetch(`${url}/api/v1/rules`);
  const body = (await res.json()) as { data: { groups: ApiGroup[] } };
  return body.data.groups;
}

export interface Sample {
  metric: Record<string, string>;
  value: number;
}

/** An instant query, at `time` (unix seconds) or now. */
export async function query(url: string, expr: string, time?: number): Promise<Sample[]> {
  const params = new URLSearchParams({ query: expr });
  if (time !== undefined) params.set('time', String(time));
  const res = await fetch(`${url}/api/v1/query?${params}`);
  const body = (await res.json()) as { status: string; error?: string; data: { result: Array<{ metric: Record<string, string>; value: [number, string] }> } };
  if (body.status !== 'success') throw new Error(`query ${expr} failed: ${body.error}`);
  return body.data.result.map((r) => ({ metric: r.metric, value: Number(r.value[1]) }));
}
