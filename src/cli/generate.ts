import path from 'node:path';
import { generate } from '../compiler/generate.js';
import { EXIT, fail, info, printDiagnostics } from './output.js';

export async function generateCommand(options: { project: string; check?: boolean }): Promise<number> {
  const result = await generate({ root: options.project, check: Boolean(options.check) });
  printDiagnostics(result.diagnostics);
  const out = path.relative(process.cwd(), result.outDir) || '.';
  if (result.status === 'errors') {
    fail(`${out}/ left unchanged.`);
    return EXIT.problems;
  }
  const drift = result.drift!;
  if (options.check) {
    if (result.status === 'drift') {
      for (const f of drift.changed) fail(`  changed: ${out}/${f}`);
      for (const f of drift.missing) fail(`  missing: ${out}/${f}`);
      for (const f of drift.extra) fail(`  not generated any more: ${out}/${f}`);
      fail(`${out}/ is out of date with the definitions: run \`lookout generate\` and commit the result.`);
      return EXIT.problems;
    }
    info(`${out}/ is up to date (${result.artifacts!.size} files).`);
    return EXIT.ok;
  }
  const touched = drift.changed.length + drift.missing.length + drift.extra.length;
  info(touched === 0 ? `${out}/ already up to date (${result.artifacts!.size} files).` : `wrote ${out}/: ${drift.missing.length} new, ${drift.changed.length} changed, ${drift.extra.length} removed (${result.artifacts!.size} files).`);
  return EXIT.ok;
}
