import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { DEFINITION_DIRS, GENERATED_DIR } from '../../../src/engine/compiler/discover.js';
import { measuredRun, type MeasuredRun } from './childRun.js';
import { countFiles, describeDiff, diffSize, diffSnapshots, snapshot, type Snapshot } from './outputs.js';
import { applyEdit, type BenchProject, type Cli } from './projects.js';
import type { OutputCheck, ProjectResult, RunResult } from './report.js';

/**
 * Times `lookout generate` on one project the way a user meets it, one process per run:
 *
 *   cold              no cache (a fresh LOOKOUT_CACHE_DIR), generated/ deleted
 *   warm              nothing changed since
 *   check (warm)      `generate --check`, where the project asks for it
 *   <edit> edited     one definition file edited (one SLO, then one alert), each on the last
 *   edits, fresh cache  the edited definitions with an empty cache: from scratch (only when
 *                     the cold run filled the cache; until then every run is from scratch)
 *   edits reverted    every edit undone, with the first cache again
 *
 * and compares generated/ byte for byte where it must not differ (warm and reverted against
 * cold, from scratch against incremental) and where it must (each edit reaches generated/).
 */

/** Whether `generate --help` offers --no-cache: the incremental generate's flag, once it lands. */
export async function hasNoCacheFlag(cli: Cli, cwd: string): Promise<boolean> {
  const r = await measuredRun(cli.command, [...cli.args, 'generate', '--help'], { cwd });
  if (r.exitCode !== 0) throw new Error(`lookout generate --help exited ${r.exitCode}:\n${r.stdout}${r.stderr}`);
  return r.stdout.includes('--no-cache');
}

function definitionFiles(dir: string): number {
  let n = existsSync(path.join(dir, 'lookout.config.ts')) ? 1 : 0;
  for (const d of DEFINITION_DIRS) {
    const full = path.join(dir, d);
    if (!existsSync(full)) continue;
    for (const e of readdirSync(full, { withFileTypes: true, recursive: true })) if (e.isFile() && e.name.endsWith('.ts')) n++;
  }
  return n;
}

export async function benchProject(p: BenchProject, cacheRoot: string, log: (msg: string) => void): Promise<ProjectResult> {
  const out = path.join(p.dir, GENERATED_DIR);
  const runs: RunResult[] = [];
  const checks: OutputCheck[] = [];
  let last: Snapshot = new Map();

  const generate = async (run: string, cache: string, extra: string[] = []): Promise<{ result: RunResult; snap: Snapshot }> => {
    log(`${p.title}: ${run} ...`);
    const env = { ...process.env, LOOKOUT_CACHE_DIR: cache, NO_COLOR: '1' };
    const r: MeasuredRun = await measuredRun(p.cli.command, [...p.cli.args, 'generate', '--project', p.dir, ...extra], { cwd: p.dir, env });
    if (r.exitCode !== 0) {
      throw new Error(`${p.title}: lookout generate ${extra.join(' ')} (${run}) exited ${r.exitCode ?? r.signal} in ${p.dir}:\n${r.stdout}${r.stderr}`);
    }
    const snap = snapshot(out);
    const said = r.stdout.trim().split('\n').pop() ?? '';
    const cold = runs[0]?.wallSeconds ?? r.wallSeconds;
    const result: RunResult = {
      run,
      wallSeconds: r.wallSeconds,
      cpuSeconds: r.cpuSeconds,
      userSeconds: r.userSeconds,
      sysSeconds: r.sysSeconds,
      wallToCold: r.wallSeconds / cold,
      filesChanged: diffSize(diffSnapshots(last, snap)),
      cacheFiles: countFiles(cache),
      said,
    };
    runs.push(result);
    log(`${p.title}: ${run}: ${result.wallSeconds.toFixed(1)} s wall, ${result.cpuSeconds.toFixed(1)} s CPU; ${said}`);
    return { result, snap };
  };
  const same = (check: string, a: Snapshot, b: Snapshot) => {
    const d = diffSnapshots(a, b);
    checks.push({ check, ok: diffSize(d) === 0, detail: diffSize(d) === 0 ? `identical (${b.size} files)` : describeDiff(d) });
  };

  const cache = mkdtempSync(path.join(cacheRoot, `${p.id}-`));
  rmSync(out, { recursive: true, force: true });
  const cold = await generate('cold', cache);
  last = cold.snap;
  const warm = await generate('warm', cache);
  same('warm = cold', cold.snap, warm.snap);
  last = warm.snap;
  if (p.check) {
    const check = await generate('check (warm)', cache, ['--check']);
    same('generated/ unchanged by --check', warm.snap, check.snap);
  }
  const undo: Array<() => void> = [];
  for (const edit of p.edits) {
    undo.push(applyEdit(p.dir, edit));
    const before = last;
    const edited = await generate(edit.run, cache);
    const d = diffSnapshots(before, edited.snap);
    checks.push({ check: `${edit.run} (${edit.file}: ${edit.from} → ${edit.to}) reaches generated/`, ok: diffSize(d) > 0, detail: describeDiff(d) });
    last = edited.snap;
  }
  if (p.edits.length > 0) {
    // Without a cache every run is from scratch already: warm = cold says as much, for free.
    if (cold.result.cacheFiles > 0) {
      const incremental = last;
      const scratch = await generate('edits, fresh cache', mkdtempSync(path.join(cacheRoot, `${p.id}-scratch-`)));
      same('from scratch = incremental, after the edits', incremental, scratch.snap);
      last = scratch.snap;
    }
    for (const u of undo.reverse()) u();
    const reverted = await generate(`edits reverted (${p.edits.length} files)`, cache);
    same('reverted = cold', cold.snap, reverted.snap);
  }
  return {
    key: p.key,
    id: p.id,
    title: p.title,
    cli: p.cli.form,
    shape: { ...p.shape, definitionFiles: definitionFiles(p.dir), generatedFiles: cold.snap.size },
    runs,
    checks,
  };
}
