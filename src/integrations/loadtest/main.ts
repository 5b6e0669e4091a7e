#!/usr/bin/env node
/**
 * `npm run loadtest -- --scenario NAME [--out DIR]` runs one scenario against the real stack,
 * prints one verdict line per expectation and writes the report (NAME.json, NAME.md,
 * NAME.svg) to DIR (default loadtest-results/); `--all` (`npm run loadtest:all`) runs every
 * scenario in turn and adds index.md; `--list` names the scenarios. Exit 0 when every
 * expectation of every scenario run is met and no unexpected page went out, 1 otherwise, 2 on
 * a usage error or a stack that would not start, 130 when interrupted (SIGINT or SIGTERM: the
 * running scenario's processes are stopped first; a matrix keeps the index of those done).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { writeReportIndex } from './report/reportIndex.js';
import type { ScenarioRun } from './report/types.js';
import { writeScenarioReport } from './report/writeReport.js';
import { runScenario } from './run.js';
import type { Scenario } from './scenario.js';
import { verdictLines } from './verdict.js';
import { SCENARIOS } from './scenarios/index.js';

const EXIT_UNMET = 1;
const EXIT_USAGE = 2;
const EXIT_INTERRUPTED = 130;
const ROOT = path.resolve(import.meta.dirname, '../../..');

const out = (line: string) => process.stdout.write(`${line}\n`);

/** Aborted on the first SIGINT or SIGTERM, so that a run stops its replicas, Prometheus and Alertmanager rather than leave them running. */
const interrupted = new AbortController();
// `on`, not `once`: execa's exit hook re-raises a signal nobody else listens to, which would end
// this process before the stack is stopped.
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    if (interrupted.signal.aborted) return;
    process.stderr.write(`loadtest: ${sig}: stopping the scenario's processes\n`);
    interrupted.abort(new Error(`interrupted by ${sig}`));
  });
}

/** Runs one scenario, writes its report into `dir`, prints its verdict; undefined when the stack would not start. */
async function runOne(scenario: Scenario, dir: string, quiet: boolean): Promise<{ run: ScenarioRun; passed: boolean } | undefined> {
  const log = quiet ? undefined : (line: string) => out(`[${scenario.name}] ${line}`);
  out(`scenario ${scenario.name}: ${scenario.description}`);
  let run: ScenarioRun;
  try {
    run = await runScenario(scenario, { root: ROOT, generatedDir: path.join(ROOT, 'generated'), signal: interrupted.signal, ...(log && { log }) });
  } catch (e) {
    if (!interrupted.signal.aborted) process.stderr.write(`loadtest: ${scenario.name}: the scenario could not run: ${(e as Error).message}\n`);
    return undefined;
  }
  const { summary, files } = await writeScenarioReport(run, dir);
  out(`wrote ${path.relative(process.cwd(), files.markdown)}, ${path.basename(files.svg)} and ${path.basename(files.json)}`);
  const failed = run.expectations.filter((e) => !e.met).length;
  out(`\n${scenario.name}: ${((run.endedAt - run.startedAt) / 1000).toFixed(0)} s, requests ${JSON.stringify(run.requests)}, ${run.notifications.length} alert notification(s)`);
  for (const line of verdictLines(run)) out(line);
  out(failed ? `${failed} of ${run.expectations.length} expectation(s) not met` : `all ${run.expectations.length} expectation(s) met`);
  if (summary.falsePages.length > 0) out(`${summary.falsePages.length} page(s) no expectation asked for`);
  out(`${scenario.name}: ${summary.verdict.toUpperCase()}\n`);
  return { run, passed: summary.verdict === 'pass' };
}

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({ options: { scenario: { type: 'string' }, all: { type: 'boolean' }, list: { type: 'boolean' }, out: { type: 'string' }, quiet: { type: 'boolean' } }, strict: true }).values;
  } catch (e) {
    process.stderr.write(`loadtest: ${(e as Error).message}\n`);
    return EXIT_USAGE;
  }
  if (args.list) {
    for (const s of SCENARIOS.values()) out(`${s.name.padEnd(22)} ${s.description}`);
    return 0;
  }
  const known = [...SCENARIOS.keys()].join(', ');
  if (args.all && args.scenario) {
    process.stderr.write('loadtest: give --scenario NAME or --all, not both\n');
    return EXIT_USAGE;
  }
  const dir = path.resolve(args.out ?? 'loadtest-results');
  if (!args.all) {
    const scenario = args.scenario ? SCENARIOS.get(args.scenario) : undefined;
    if (!scenario) {
      process.stderr.write(args.scenario ? `loadtest: --scenario: no scenario "${args.scenario}" (known: ${known})\n` : `loadtest: --scenario NAME or --all is required (known: ${known}); --list describes them\n`);
      return EXIT_USAGE;
    }
    const result = await runOne(scenario, dir, args.quiet ?? false);
    if (interrupted.signal.aborted) return EXIT_INTERRUPTED;
    return result === undefined ? EXIT_USAGE : result.passed ? 0 : EXIT_UNMET;
  }

  // The whole matrix: every scenario, one after the other (each starts and stops its own stack).
  const started = Date.now();
  const index = path.relative(process.cwd(), path.join(dir, 'index.md'));
  const runs: ScenarioRun[] = [];
  const outcomes: Array<{ name: string; outcome: 'PASS' | 'FAIL' | 'ERROR' }> = [];
  for (const scenario of SCENARIOS.values()) {
    const result = await runOne(scenario, dir, args.quiet ?? false);
    if (interrupted.signal.aborted) {
      out(`\nloadtest:all: interrupted after ${runs.length} of ${SCENARIOS.size} scenarios; index ${index}`);
      return EXIT_INTERRUPTED;
    }
    if (result) runs.push(result.run);
    outcomes.push({ name: scenario.name, outcome: result === undefined ? 'ERROR' : result.passed ? 'PASS' : 'FAIL' });
    // The index is rewritten after each scenario, so an interrupted matrix still has one.
    await writeReportIndex(runs, dir);
  }
  const passed = outcomes.filter((o) => o.outcome === 'PASS').length;
  out(`\nloadtest:all: ${passed}/${SCENARIOS.size} scenarios passed in ${((Date.now() - started) / 60_000).toFixed(1)} min; index ${index}`);
  for (const o of outcomes) out(`  ${o.outcome.padEnd(5)} ${o.name}`);
  return outcomes.some((o) => o.outcome === 'ERROR') ? EXIT_USAGE : passed === SCENARIOS.size ? 0 : EXIT_UNMET;
}

process.exitCode = await main();
