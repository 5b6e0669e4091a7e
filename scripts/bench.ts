/**
 * The benchmark suite (a script, not a test): every figure issue 7 asks for, in one process
 * tree and one run, each through its own benchmark's functions:
 *
 *   1. gateway   what the gateway costs over a bare proxy and over no proxy (npm run bench:gateway)
 *   2. slo       `lookout generate` on 1,000 SLOs, and rule evaluation against the Sloth-shaped
 *                rule set in real Prometheus (npm run bench:slo)
 *   3. alerts    `lookout generate` on 1,000 synthetic alerts of the reference rules' shapes,
 *                promtool test synthesis included
 *   4. promtool  the reference project's generated promtool suite in one call, as `lookout
 *                validate` runs it (best of N, then each file alone), and the 1,000 alerts' suite
 *
 *   npm run bench [-- --quick] [--only gateway,slo,alerts,promtool] [--alerts 1000]
 *                    [--promtool-runs 5] [--keep] [--out bench/results/suite.json]
 *
 * --quick runs the gateway and SLO benchmarks in their quick modes (100 SLOs generated, 20
 * evaluated) and promtool 3 times instead of 5; the alert count stays 1,000. Prints each
 * benchmark's own tables, then one summary of every figure with its goal where an issue set
 * one, and writes the suite file. A full run also writes bench/results/gateway.json and
 * slo.json next to it; a quick run keeps those in the suite file only, so it never replaces
 * a full run's figures. Exits 1 when a part broke (the others still run), not on a missed goal.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { timeAlertGenerate, type AlertGenerateResult } from './bench/alertGenerate.js';
import { gatewayBench, gatewayBenchOptions } from './bench/gateway/gatewayBench.js';
import { REPO } from './bench/lookoutProject.js';
import { timePromtoolSuite } from './bench/promtoolSuite.js';
import { machineInfo, progressLog, runBench, writeResult, type BenchScript } from './bench/script.js';
import { sloBench, sloBenchOptions } from './bench/sloBench.js';
import { renderSummary, SUITE_PARTS, summaryRows, type PartFailure, type SuitePart, type SuiteResult } from './bench/suiteReport.js';

const { values: flags } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string', default: SUITE_PARTS.join(',') },
    alerts: { type: 'string', default: '1000' },
    'promtool-runs': { type: 'string' },
    keep: { type: 'boolean', default: false },
    out: { type: 'string', default: path.join(REPO, 'bench/results/suite.json') },
  },
});
const quick = flags.quick!;
const only = flags.only!.split(',').map((s) => s.trim());
const unknown = only.filter((p) => !(SUITE_PARTS as readonly string[]).includes(p));
if (unknown.length) {
  console.error(`--only: unknown part ${unknown.join(', ')} (the parts are ${SUITE_PARTS.join(', ')})`);
  process.exit(2);
}
const runs = (p: SuitePart) => only.includes(p);
const options = {
  parts: SUITE_PARTS.filter(runs),
  alerts: Number(flags.alerts),
  promtoolRuns: Number(flags['promtool-runs'] ?? (quick ? 3 : 5)),
  gateway: gatewayBenchOptions({ quick }),
  slo: sloBenchOptions({ quick }),
};
const out = path.resolve(flags.out!);
/** A full run refreshes each benchmark's own result file; a quick one must not overwrite them. */
const partFile = (name: 'gateway' | 'slo') => (quick ? undefined : path.join(path.dirname(out), `${name}.json`));
const command = ['npm run bench', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' ');

const started = Date.now();
const log = progressLog(started);
const root = mkdtempSync(path.join(os.tmpdir(), 'lookout-bench-suite-'));
/** The benchmark script running now: what Ctrl-C stops. */
let current: BenchScript | undefined;
const failed: SuitePart[] = [];

/** Runs one benchmark script to its end and stops what it started before the next part begins. */
async function runScript<T>(script: BenchScript & { result(): T | undefined }): Promise<T> {
  current = script;
  try {
    await script.main();
  } finally {
    await script.cleanup();
    current = undefined;
  }
  const result = script.result();
  if (!result) throw new Error('the benchmark finished without a result');
  return result;
}

/** One part; a failure is recorded with its message, and the suite goes on. */
async function part<T>(name: SuitePart, what: string, work: () => Promise<T>): Promise<T | PartFailure> {
  log(`==== ${name}: ${what}`);
  try {
    return await work();
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    console.error(`${name} failed: ${message}`);
    failed.push(name);
    return { failed: message };
  }
}

async function main(): Promise<void> {
  const loadStart = os.loadavg()[0]!;
  const result: Pick<SuiteResult, 'gateway' | 'slo' | 'alerts' | 'promtool'> = {};
  const partFiles: SuiteResult['partFiles'] = {};

  if (runs('gateway')) {
    const file = partFile('gateway');
    if (file) partFiles.gateway = file;
    result.gateway = await part('gateway', `gateway overhead and throughput${quick ? ' (quick)' : ''}`, () =>
      runScript(gatewayBench(options.gateway, { out: file, command, log })),
    );
  }
  if (runs('slo')) {
    const file = partFile('slo');
    if (file) partFiles.slo = file;
    result.slo = await part('slo', `generate ${options.slo.slos} SLOs, evaluate ${options.slo.evalSlos} against the Sloth-shaped rule set`, () =>
      runScript(sloBench(options.slo, { out: file, keep: flags.keep!, command, log })),
    );
  }
  let alerts: AlertGenerateResult | undefined;
  if (runs('alerts')) {
    result.alerts = await part('alerts', `generate ${options.alerts} alerts`, async () => {
      alerts = await timeAlertGenerate(options.alerts, root, log);
      const { project: _, ...figures } = alerts;
      return figures;
    });
  }
  if (runs('promtool')) {
    result.promtool = await part('promtool', 'the generated promtool suites', async () => {
      const reference = await timePromtoolSuite({ name: 'reference', root: REPO, runs: options.promtoolRuns, perFile: true, log });
      // The synthetic suite is minutes long at 1,000 alerts: one run, no per-file pass.
      const synthetic = alerts ? await timePromtoolSuite({ name: `${alerts.alerts.toLocaleString('en-US')} synthetic alerts`, root: alerts.project, runs: 1, perFile: false, log }) : undefined;
      return { reference, ...(synthetic ? { alerts: synthetic } : {}) };
    });
  }

  const summary = summaryRows(result);
  const suite: SuiteResult = {
    date: new Date(started).toISOString(),
    command,
    quick,
    machine: machineInfo(loadStart),
    options,
    summary,
    ...result,
    partFiles,
    wallSeconds: Math.round((Date.now() - started) / 1000),
  };
  console.log(`\nnpm run bench${quick ? ' (quick)' : ''}: ${suite.wallSeconds} s on ${suite.machine.cpus} cores, load average ${loadStart.toFixed(2)} at start, ${suite.machine.loadAverage.end!.toFixed(2)} at end`);
  console.log(renderSummary(summary));
  writeResult(out, suite, log);
  if (failed.length) {
    console.error(`failed: ${failed.join(', ')} (the summary says why)`);
    process.exitCode = 1;
  }
}

await runBench({
  main,
  cleanup: async () => {
    await current?.cleanup();
    if (flags.keep) console.error(`kept ${root}`);
    else rmSync(root, { recursive: true, force: true });
  },
  kill: () => current?.kill(),
  stopping: 'stopping the running benchmark and removing its files',
  graceMs: 20_000,
});
