import path from 'node:path';
import { generate, type GenerateResult } from '../engine/compiler/generate.js';
import { formatTimings } from '../engine/compiler/timings.js';
import { EXIT, fail, info, printDiagnostics, printSilencedCount } from './output.js';

/** Where the output came from, for the last line: nothing ran, or how much synthesis the cache saved. */
function provenance(result: GenerateResult): string {
  if (result.upToDate) return '; nothing changed since the last generate';
  const s = result.synthesis;
  if (!s || s.alerts === 0 || s.cached === 0) return '';
  return s.cached === s.alerts ? '; every alert\'s tests from the cache' : `; tests of ${s.cached} of ${s.alerts} alerts from the cache`;
}

export async function generateCommand(options: { project: string; check?: boolean; cache?: boolean; timings?: boolean }): Promise<number> {
  return (await generateAndReport(options)).code;
}

/** `lookout generate` with its result, for a command that reads its diagnostics afterwards (validate). */
export async function generateAndReport(options: { project: string; check?: boolean; cache?: boolean; timings?: boolean }): Promise<{ code: number; result: GenerateResult }> {
  const result = await generate({ root: options.project, check: Boolean(options.check), cache: options.cache !== false });
  return { code: report(result, options), result };
}

function report(result: GenerateResult, options: { check?: boolean; timings?: boolean }): number {
  if (options.timings) for (const line of formatTimings(result.timings)) fail(line);
  for (const note of result.cacheNotes) fail(`warning: cache: ${note}`);
  printDiagnostics(result.diagnostics);
  printSilencedCount(result.silenced);
  const out = path.relative(process.cwd(), result.outDir) || '.';
  if (result.status === 'errors') {
    fail(`${out}/ left unchanged.`);
    return EXIT.problems;
  }
  const drift = result.drift!;
  const files = `${result.artifacts!.size} files${provenance(result)}`;
  if (options.check) {
    if (result.status === 'drift') {
      for (const f of drift.changed) fail(`  changed: ${out}/${f}`);
      for (const f of drift.missing) fail(`  missing: ${out}/${f}`);
      for (const f of drift.extra) fail(`  not generated any more: ${out}/${f}`);
      fail(`${out}/ is out of date with the definitions: run \`lookout generate\` and commit the result.`);
      return EXIT.problems;
    }
    info(`${out}/ is up to date (${files}).`);
    return EXIT.ok;
  }
  const touched = drift.changed.length + drift.missing.length + drift.extra.length;
  info(touched === 0 ? `${out}/ already up to date (${files}).` : `wrote ${out}/: ${drift.missing.length} new, ${drift.changed.length} changed, ${drift.extra.length} removed (${files}).`);
  return EXIT.ok;
}
