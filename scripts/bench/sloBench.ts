/**
 * The SLO benchmark's work, importable: `npm run bench:slo` (scripts/bench-slo.ts) and
 * `npm run bench` (scripts/bench.ts) both run it through sloBench(). How long `lookout
 * generate` takes for many SLOs, and what lookout's SLO rules cost a real Prometheus to
 * evaluate, side by side in one run with the rule set Sloth emits for the same SLOs over the
 * same 30 days of data. Prints tables and writes the result file (bench/results/slo.json).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { durationMs } from '../../src/library/duration.js';
import { joinedSeries, periodRatioError } from './checks.js';
import { countersPerMinute, measureEvalCost, median, perMinute, perMinuteByRule, type MeasuredCost } from './evalCost.js';
import { startExporter, type Exporter } from './exporter.js';
import { generateInWorker } from './generateInWorker.js';
import type { GenerateWorkerResult, PhasesWorkerResult } from './generateWorker.js';
import { writeHistory } from './history.js';
import { writeLookoutProject } from './lookoutProject.js';
import { killAllStarted, prometheusBinary, startPrometheus, stopAllStarted, type RunningPrometheus } from './prometheus.js';
import { renderReport, type BenchResult, type SideResult } from './report.js';
import { writeResult, type BenchScript } from './script.js';
import { loadRuleSet, longestRawRange, recordedReads, ruleCount, type RuleSet } from './ruleSets.js';
import { samplesPerMinute, samplesRead, type RuleSamples } from './samplesRead.js';
import { slothRuleFile, SLOTH_PERIOD } from './slothRules.js';
import { benchSLOs, servicesOf } from './sloSpecs.js';

/** What the SLO benchmark measures and how long; written to the result file as `options`. */
export type SloBenchOptions = {
  slos: number;
  evalSlos: number;
  interval: string;
  scrape: string;
  measureSec: number;
  warmupSec: number;
  skipGenerate: boolean;
};

/** The options from command-line strings, with the defaults of a full or a `--quick` run. */
export function sloBenchOptions(flags: {
  quick?: boolean | undefined;
  slos?: string | undefined;
  'eval-slos'?: string | undefined;
  interval?: string | undefined;
  scrape?: string | undefined;
  measure?: string | undefined;
  warmup?: string | undefined;
  'skip-generate'?: boolean | undefined;
}): SloBenchOptions {
  const quick = flags.quick ?? false;
  const opts: SloBenchOptions = {
    slos: Number(flags.slos ?? (quick ? 100 : 1000)),
    evalSlos: Number(flags['eval-slos'] ?? (quick ? 20 : 100)),
    interval: flags.interval ?? '1m',
    scrape: flags.scrape ?? '1m',
    // Whole 2-minute cycles, so lookout's 2m groups weigh right in the counter-based figure.
    measureSec: Number(flags.measure ?? (quick ? 240 : 360)),
    warmupSec: Number(flags.warmup ?? '200'),
    skipGenerate: flags['skip-generate'] ?? false,
  };
  const scrapeSec = durationMs(opts.scrape) / 1000;
  if (60 % scrapeSec !== 0 && scrapeSec % 60 !== 0) throw new Error('--scrape must divide a minute or be whole minutes');
  return opts;
}

/** Where a run writes and what it says it was. */
export interface SloBenchRun {
  /** The result file; none written when undefined (`npm run bench --quick` keeps the result in its suite file only). */
  out: string | undefined;
  /** Keep the temporary folder (projects, rule sets, TSDBs) instead of removing it. */
  keep: boolean;
  /** The command line recorded in the result. */
  command: string;
  log: (msg: string) => void;
}

/** A benchmark script (for runBench) that also hands back what it measured once main() is done. */
export interface SloBench extends BenchScript {
  result(): BenchResult | undefined;
}

const PERIOD_SEC = durationMs(SLOTH_PERIOD) / 1000;

// ---------------------------------------------------------------- helpers
const mib = (bytes: number) => Math.round(bytes / 2 ** 20);
function ruleFilesIn(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yml'))
    .sort()
    .map((f) => path.join(dir, f));
}
function dirBytes(dir: string): number {
  let total = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    total += e.isDirectory() ? dirBytes(p) : statSync(p).size;
  }
  return total;
}

function side(set: RuleSet, cost: MeasuredCost, samples: RuleSamples[], periodError: SideResult['periodRatioError']): SideResult {
  const evalSecondsPerMinute = perMinute(cost);
  const counters = countersPerMinute(cost.counters);
  const bySamples = samplesPerMinute(samples);
  const byTime = perMinuteByRule(cost);
  return {
    groups: set.groups.length,
    rules: ruleCount(set),
    evalSecondsPerMinute,
    counterEvalSecondsPerMinute: counters.ruleSeconds,
    cpuSecondsPerMinute: counters.cpuSeconds,
    samplesPerMinute: bySamples.total,
    groupEvaluations: cost.groups.reduce((a, g) => a + g.evaluations.length, 0),
    medianGroupEvaluationSeconds: median(cost.groups.flatMap((g) => g.evaluations)),
    byRule: [...byTime]
      .sort((a, b) => b[1] - a[1])
      .map(([rule, t]) => ({ rule, evalSecondsPerMinute: t, share: t / evalSecondsPerMinute, samplesPerMinute: bySamples.byKey.get(rule) ?? 0 })),
    periodRatioError: periodError,
  };
}

function problemsOf(set: RuleSet, cost: MeasuredCost): string[] {
  const c = cost.counters;
  return [
    ...(cost.groups.length < set.groups.length ? [`${set.name}: ${set.groups.length - cost.groups.length} groups had no measured evaluation (measure longer)`] : []),
    ...cost.unhealthy.map((u) => `${set.name}: unhealthy rule ${u}`),
    ...(c.failedEvaluations > 0 ? [`${set.name}: ${c.failedEvaluations} failed rule evaluations`] : []),
    ...(c.missedIterations > 0 ? [`${set.name}: ${c.missedIterations} missed group iterations`] : []),
    ...(c.compactions > 0 ? [`${set.name}: ${c.compactions} TSDB compactions ran while measuring`] : []),
  ];
}

/** The SLO benchmark as a script: its temporary folder is made on creation and removed by cleanup. */
export function sloBench(opts: SloBenchOptions, run: SloBenchRun): SloBench {
  const { log } = run;
  const intervalSec = durationMs(opts.interval) / 1000;
  const scrapeSec = durationMs(opts.scrape) / 1000;
  const root = mkdtempSync(path.join(os.tmpdir(), 'lookout-bench-slo-'));
  let exporter: Exporter | undefined;
  let finished: BenchResult | undefined;
  // Called by main once Prometheus is no longer needed, and again by runBench on the way out.
  let cleaned = false;
  async function cleanup(): Promise<void> {
    if (cleaned) return;
    cleaned = true;
    await stopAllStarted();
    await exporter?.close().catch(() => undefined);
    if (run.keep) console.error(`kept ${root}`);
    else rmSync(root, { recursive: true, force: true });
  }

  async function main(): Promise<void> {
    const started = Date.now();
    const machine: BenchResult['machine'] = {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      os: `${os.type()} ${os.release()}`,
      node: process.version,
      prometheus: execFileSync(prometheusBinary(), ['--version'], { encoding: 'utf8' }).split('\n')[0]!,
      loadAverage: { start: os.loadavg()[0]! },
    };

    // ------------------------------------------------------------ 1. generate, end to end
    let generated: BenchResult['generate'];
    if (!opts.skipGenerate && opts.slos > 0) {
      const slos = benchSLOs(opts.slos);
      const project = writeLookoutProject(slos, opts.interval, root);
      log(`generate: ${slos.length} SLOs in ${servicesOf(slos).length} services through generate({ root }) ...`);
      const g = await generateInWorker<GenerateWorkerResult>('generate', project);
      generated = { slos: slos.length, services: servicesOf(slos).length, perSLOms: g.totalMs / slos.length, ...g };
      log(`generate: ${(g.totalMs / 1000).toFixed(1)} s`);
      rmSync(project, { recursive: true, force: true });
    }

    // ------------------------------------------------------------ 2. the evaluated project, stage by stage
    const evalSLOs = benchSLOs(opts.evalSlos);
    const evalProject = writeLookoutProject(evalSLOs, opts.interval, root);
    log(`generate stage by stage: ${evalSLOs.length} SLOs, the rule set to evaluate ...`);
    const phases = await generateInWorker<PhasesWorkerResult>('phases', evalProject);

    // ------------------------------------------------------------ 3. the two rule sets
    const lookoutDir = path.join(root, 'rules-lookout');
    const slothDir = path.join(root, 'rules-sloth');
    mkdirSync(lookoutDir);
    mkdirSync(slothDir);
    for (const f of ruleFilesIn(path.join(evalProject, 'generated/prometheus/rules'))) cpSync(f, path.join(lookoutDir, path.basename(f)));
    for (const service of servicesOf(evalSLOs)) {
      writeFileSync(path.join(slothDir, `${service}.yml`), slothRuleFile(evalSLOs.filter((s) => s.service === service)));
    }
    for (const dir of [lookoutDir, slothDir]) {
      const check = await execa('promtool', ['check', 'rules', ...ruleFilesIn(dir)], { reject: false, all: true });
      if (check.exitCode !== 0) throw new Error(`promtool check rules failed for ${dir}:\n${String(check.all).slice(-3000)}`);
    }
    const sets: RuleSet[] = [loadRuleSet('lookout', ruleFilesIn(lookoutDir), intervalSec), loadRuleSet('sloth', ruleFilesIn(slothDir), intervalSec)];
    const [lookout, sloth] = sets as [RuleSet, RuleSet];
    const readsOf = new Map(sets.map((set) => [set.name, recordedReads(set)]));
    const rawRangeSec = longestRawRange(sets);

    // ------------------------------------------------------------ 4. 30 days of history, backfilled
    const end = Math.floor(Date.now() / 60_000) * 60;
    const om = path.join(root, 'history.om');
    log(`history: raw counters for ${rawRangeSec / 86400}d every ${opts.scrape}, and each recorded series a rule reads over a range, for that range (up to ${SLOTH_PERIOD}) ...`);
    const history = writeHistory(
      { file: om, end, services: servicesOf(evalSLOs).length, slos: evalSLOs, scrapeSec, rawRangeSec, reads: [...readsOf.values()].flat(), marginSec: 300 },
      PERIOD_SEC,
    );
    log(`history: ${history.series.toLocaleString('en-US')} series, ${history.rawSamples.toLocaleString('en-US')} raw + ${history.recordedSamples.toLocaleString('en-US')} recorded samples, ${mib(history.bytes)} MiB of OpenMetrics`);
    const blocks = path.join(root, 'blocks');
    const t0 = Date.now();
    // Blocks of the TSDB's largest range (486h), so neither server compacts while it is measured.
    await execa('promtool', ['tsdb', 'create-blocks-from', 'openmetrics', '--quiet', '--max-block-duration=744h', om, blocks]);
    rmSync(om);
    const blocksMiB = mib(dirBytes(blocks));
    log(`history: promtool wrote ${readdirSync(blocks).length} blocks (${blocksMiB} MiB) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

    // ------------------------------------------------------------ 5. both rule sets on real Prometheus, side by side
    exporter = await startExporter(history.endCounters, end);
    const target = exporter.target;
    // allSettled: when one fails to start, the other has settled before cleanup stops it.
    const starts = await Promise.allSettled(
      sets.map((set) => {
        const dir = path.join(root, `prom-${set.name}`);
        mkdirSync(dir);
        cpSync(blocks, path.join(dir, 'data'), { recursive: true });
        return startPrometheus({ dir, dataDir: path.join(dir, 'data'), ruleFiles: set.files, scrapeTarget: target, scrapeInterval: opts.scrape, evaluationInterval: opts.interval });
      }),
    );
    const failed = starts.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) throw failed.reason;
    const [lp, sp] = starts.map((s) => (s as PromiseFulfilledResult<RunningPrometheus>).value) as [RunningPrometheus, RunningPrometheus];
    rmSync(blocks, { recursive: true, force: true });
    const gapSeconds = Math.round(Date.now() / 1000 - end);
    log(`prometheus: lookout ${lp.url} (pid ${lp.pid}), sloth-shaped ${sp.url} (pid ${sp.pid}); ${gapSeconds} s after the history ends; warming up`);
    const measured = await measureEvalCost(
      [
        { name: 'lookout', url: lp.url },
        { name: 'sloth', url: sp.url },
      ],
      { warmupSec: opts.warmupSec, measureSec: opts.measureSec, onTick: log },
    );
    machine.loadAverage.afterMeasuring = os.loadavg()[0]!;
    const now = Math.floor(Date.now() / 1000);
    const warnings = [
      ...(await joinedSeries(lp.url, 'lookout', history.seriesByName, new Set(readsOf.get('lookout')!.map((r) => r.record)), SLOTH_PERIOD, now)),
      ...(await joinedSeries(sp.url, 'sloth', history.seriesByName, new Set(readsOf.get('sloth')!.map((r) => r.record)), SLOTH_PERIOD, now)),
    ];
    // The period ratio each side records, over the backfilled history only, against the traffic's exact ratio.
    const exact = history.exactPeriodRatio;
    const lookoutError = await periodRatioError(lp.url, `sum_over_time(slo:sli_errors:rate1h[${SLOTH_PERIOD}]) / sum_over_time(slo:sli_total:rate1h[${SLOTH_PERIOD}])`, end, exact, (m) => `${m.service}/${m.slo}/${m.region ?? ''}`);
    const slothError = await periodRatioError(
      sp.url,
      `sum_over_time(slo:sli_error:ratio_rate5m[${SLOTH_PERIOD}]) / count_over_time(slo:sli_error:ratio_rate5m[${SLOTH_PERIOD}])`,
      end,
      exact,
      (m) => `${m.sloth_service}/${m.sloth_slo}/${m.region ?? ''}`,
    );
    log('samples each rule reads (query API, stats=all) ...');
    const [lookoutSamples, slothSamples] = await Promise.all([samplesRead(lp.url, lookout, now), samplesRead(sp.url, sloth, now)]);
    await cleanup();

    // ------------------------------------------------------------ 6. report
    const L = side(lookout, measured.get('lookout')!, lookoutSamples, lookoutError);
    const S = side(sloth, measured.get('sloth')!, slothSamples, slothError);
    warnings.push(...problemsOf(lookout, measured.get('lookout')!), ...problemsOf(sloth, measured.get('sloth')!));
    const result: BenchResult = {
      date: new Date(started).toISOString(),
      command: run.command,
      machine,
      options: opts,
      generate: generated,
      phases: { slos: evalSLOs.length, totalMs: Math.round(phases.totalMs), stages: phases.phases.map((p) => ({ phase: p.phase, ms: Math.round(p.ms) })) },
      evaluation: {
        slos: evalSLOs.length,
        sloSeries: exact.size,
        interval: opts.interval,
        scrape: opts.scrape,
        period: SLOTH_PERIOD,
        history: {
          end: new Date(end * 1000).toISOString(),
          rawDays: rawRangeSec / 86400,
          series: history.series,
          rawSamples: history.rawSamples,
          recordedSamples: history.recordedSamples,
          openMetricsMiB: mib(history.bytes),
          blocksMiB,
        },
        gapSeconds,
        measuredSeconds: Math.round(measured.get('lookout')!.counters.seconds),
        lookout: L,
        sloth: S,
        ratio: {
          evalTime: L.evalSecondsPerMinute / S.evalSecondsPerMinute,
          evalTimeCounters: L.counterEvalSecondsPerMinute / S.counterEvalSecondsPerMinute,
          samples: L.samplesPerMinute / S.samplesPerMinute,
          cpu: L.cpuSecondsPerMinute / S.cpuSecondsPerMinute,
        },
        warnings,
      },
      wallSeconds: Math.round((Date.now() - started) / 1000),
    };
    console.log(renderReport(result));
    if (run.out) writeResult(run.out, result, log);
    finished = result;
  }

  return { main, cleanup, kill: killAllStarted, stopping: `stopping the servers and removing ${root}`, graceMs: 20_000, result: () => finished };
}
