/**
 * Generate benchmark (a script, not a test): `lookout generate` as a user meets it, one process
 * per run, cold, warm and after one definition edited, on four projects:
 *
 *   repo   the repository's own project (a copy; the repository is never written to)
 *   init   what `lookout init` writes into an empty folder, from the source and, unless
 *          --no-pack, from the package built, packed and installed with npm
 *   100    100 synthetic SLOs + 1,000 synthetic alerts, with routing and dashboards
 *   1000   1,000 SLOs + 1,000 alerts (minutes per cold run today)
 *
 *   npm run bench:generate [-- --quick] [--only repo,init,100,1000] [--no-pack] [--keep] [--out FILE]
 *
 * Each cold run gets an empty LOOKOUT_CACHE_DIR; warm and edited runs reuse it. Prints one table
 * (wall, CPU of the process and its children, wall/cold, the goals) and whether generated/ came
 * out byte-identical where it must. A full run writes bench/results/generate.json; --quick
 * (no 1000) or --only writes only with --out. Exits 1 when a generate fails or an output check
 * fails; a missed goal is reported, not an error.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { killChild, stopChild } from './bench/generate/childRun.js';
import { benchProject, hasNoCacheFlag } from './bench/generate/generateBench.js';
import { initProject, mixedProject, packedInitProject, PROJECT_KEYS, repoProject, SOURCE_CLI, type BenchProject, type PackSetup, type ProjectKey } from './bench/generate/projects.js';
import { goalResults, renderReport, type GenerateBenchResult, type ProjectResult } from './bench/generate/report.js';
import { REPO } from './bench/lookoutProject.js';
import { machineInfo, progressLog, runBench, writeResult } from './bench/script.js';

const { values: flags } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    'no-pack': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    out: { type: 'string' },
  },
});
const only = (flags.only ?? PROJECT_KEYS.join(',')).split(',').map((s) => s.trim()) as ProjectKey[];
const unknown = only.filter((k) => !PROJECT_KEYS.includes(k));
if (unknown.length) {
  console.error(`--only: unknown project ${unknown.join(', ')} (the projects are ${PROJECT_KEYS.join(', ')})`);
  process.exit(2);
}
const keys = PROJECT_KEYS.filter((k) => only.includes(k) && !(flags.quick && k === '1000'));
const full = keys.length === PROJECT_KEYS.length;
const out = flags.out ? path.resolve(flags.out) : full ? path.join(REPO, 'bench/results/generate.json') : undefined;
const command = ['npm run bench:generate', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' ');
/** Alerts in both synthetic projects: the alert benchmark's count. */
const ALERTS = 1000;

const started = Date.now();
const log = progressLog(started);
const root = mkdtempSync(path.join(os.tmpdir(), 'lookout-bench-generate-'));

async function main(): Promise<void> {
  const loadStart = os.loadavg()[0]!;
  log(`projects: ${keys.join(', ')}; working in ${root}`);
  // Also the first start of the source CLI, so tsx's transform cache holds lookout's own
  // sources before anything is timed, as it does on a developer's machine.
  const noCacheFlag = await hasNoCacheFlag(SOURCE_CLI, REPO);
  const cacheRoot = path.join(root, 'caches');
  const workRoot = path.join(root, 'projects');
  for (const d of [cacheRoot, workRoot]) mkdirSync(d);

  const results: ProjectResult[] = [];
  let packSetup: PackSetup | undefined;
  const run = async (project: BenchProject) => {
    results.push(await benchProject(project, cacheRoot, log));
    if (!flags.keep) rmSync(project.dir, { recursive: true, force: true });
  };
  for (const key of keys) {
    if (key === 'repo') await run(repoProject(workRoot));
    else if (key === 'init') {
      await run(await initProject(workRoot));
      if (!flags['no-pack']) {
        const packed = await packedInitProject(workRoot, log);
        packSetup = packed.setup;
        await run(packed.project);
      }
    } else {
      log(`writing the ${key}-SLO project ...`);
      await run(mixedProject(workRoot, key === '100' ? 100 : 1000, ALERTS));
    }
  }

  const result: GenerateBenchResult = {
    date: new Date(started).toISOString(),
    command,
    options: { quick: flags.quick!, only: keys, pack: !flags['no-pack'] },
    machine: machineInfo(loadStart),
    cache: { noCacheFlag, cacheDirUsed: results.some((p) => p.runs.some((r) => r.cacheFiles > 0)) },
    ...(packSetup ? { packSetup } : {}),
    projects: results,
    goals: goalResults(results),
    wallSeconds: Math.round((Date.now() - started) / 1000),
  };
  console.log(`\n${command}: ${result.wallSeconds} s`);
  console.log(renderReport(result));
  if (out) writeResult(out, result, log);
  else log('a partial run (--quick or --only): bench/results/generate.json left as it is (pass --out FILE to keep these figures)');
  const failed = results.flatMap((p) => p.checks.filter((c) => !c.ok).map((c) => `${p.title}: ${c.check}`));
  if (failed.length) {
    console.error(`\noutput checks failed:\n${failed.map((f) => `  ${f}`).join('\n')}`);
    process.exitCode = 1;
  }
}

await runBench({
  main,
  cleanup: async () => {
    await stopChild();
    if (flags.keep) console.error(`kept ${root}`);
    else rmSync(root, { recursive: true, force: true });
  },
  kill: killChild,
  stopping: 'stopping the running lookout and removing the temporary projects',
  graceMs: 10_000,
});
