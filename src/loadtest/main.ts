#!/usr/bin/env node
/**
 * `npm run loadtest -- --scenario NAME [--out DIR]` runs one scenario against the real stack,
 * prints one verdict line per expectation and writes the report (NAME.json, NAME.md,
 * NAME.svg) to DIR (default loadtest-results/); `--list` names the scenarios. Exit 0 when
 * every expectation is met and no unexpected page went out, 1 otherwise, 2 on a usage error
 * or a stack that would not start.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { ScenarioRun } from './report/types.js';
import { writeScenarioReport } from './report/writeReport.js';
import { runScenario } from './run.js';
import { verdictLines } from './verdict.js';
import { SCENARIOS } from './scenarios/index.js';

const EXIT_UNMET = 1;
const EXIT_USAGE = 2;
const ROOT = path.resolve(import.meta.dirname, '../..');

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({ options: { scenario: { type: 'string' }, list: { type: 'boolean' }, out: { type: 'string' }, quiet: { type: 'boolean' } }, strict: true }).values;
  } catch (e) {
    process.stderr.write(`loadtest: ${(e as Error).message}\n`);
    return EXIT_USAGE;
  }
  if (args.list) {
    for (const s of SCENARIOS.values()) process.stdout.write(`${s.name.padEnd(20)} ${s.description}\n`);
    return 0;
  }
  const scenario = args.scenario ? SCENARIOS.get(args.scenario) : undefined;
  if (!scenario) {
    const known = [...SCENARIOS.keys()].join(', ');
    process.stderr.write(args.scenario ? `loadtest: --scenario: no scenario "${args.scenario}" (known: ${known})\n` : `loadtest: --scenario NAME is required (known: ${known}); --list describes them\n`);
    return EXIT_USAGE;
  }
  const log = args.quiet ? undefined : (line: string) => process.stdout.write(`[${scenario.name}] ${line}\n`);
  process.stdout.write(`scenario ${scenario.name}: ${scenario.description}\n`);
  let run: ScenarioRun;
  try {
    run = await runScenario(scenario, { root: ROOT, generatedDir: path.join(ROOT, 'generated'), ...(log && { log }) });
  } catch (e) {
    process.stderr.write(`loadtest: the scenario could not run: ${(e as Error).message}\n`);
    return EXIT_USAGE;
  }
  const { summary, files } = await writeScenarioReport(run, path.resolve(args.out ?? 'loadtest-results'));
  process.stdout.write(`wrote ${path.relative(process.cwd(), files.markdown)}, ${path.basename(files.svg)} and ${path.basename(files.json)}\n`);
  const failed = run.expectations.filter((e) => !e.met).length;
  process.stdout.write(`\n${scenario.name}: ${((run.endedAt - run.startedAt) / 1000).toFixed(0)} s, requests ${JSON.stringify(run.requests)}, ${run.notifications.length} alert notification(s)\n`);
  for (const line of verdictLines(run)) process.stdout.write(`${line}\n`);
  process.stdout.write(failed ? `${failed} of ${run.expectations.length} expectation(s) not met\n` : `all ${run.expectations.length} expectation(s) met\n`);
  if (summary.falsePages.length > 0) process.stdout.write(`${summary.falsePages.length} page(s) no expectation asked for\n`);
  return summary.verdict === 'pass' ? 0 : EXIT_UNMET;
}

process.exitCode = await main();
