import { formatDiagnostic, summarize } from '../library/diagnostics/format.js';
import type { Diagnostic } from '../library/diagnostics/diagnostic.js';
import type { SilencedFinding } from '../engine/compiler/silencing/silence.js';

/** Exit codes: 0 clean, 1 problems in the definitions (or drift, or a failed validation), 2 usage or missing tools. */
export const EXIT = { ok: 0, problems: 1, usage: 2 } as const;

const color = Boolean(process.stderr.isTTY) && !process.env.NO_COLOR;

export function printDiagnostics(diagnostics: readonly Diagnostic[]): void {
  for (const d of diagnostics) process.stderr.write(`${formatDiagnostic(d, { color })}\n`);
  if (diagnostics.length > 0) process.stderr.write(`${summarize(diagnostics)}\n`);
}

export function info(message: string): void {
  process.stdout.write(`${message}\n`);
}

export function fail(message: string): void {
  process.stderr.write(`${message}\n`);
}

/** One line for generate and validate: silenced findings are not shown, only counted. */
export function printSilencedCount(silenced: readonly SilencedFinding[] | undefined): void {
  const n = silenced?.length ?? 0;
  if (n > 0) fail(`${n} finding${n === 1 ? '' : 's'} silenced by ignore entries (\`lookout lint\` lists them)`);
}

/** Every silenced finding with its code, where it is, and the reason it is silenced. */
export function printSilenced(silenced: readonly SilencedFinding[]): void {
  if (silenced.length === 0) return;
  info(`silenced by ignore (${silenced.length}):`);
  for (const { diagnostic: d, reason, owner } of silenced) {
    const where = d.file ? `${d.file}${d.line ? `:${d.line}` : ''}` : 'project';
    info(`  ${where}: ${d.code}: ${d.path ? `${d.path}: ` : ''}${d.message}`);
    info(`    ignored by ${owner}: ${reason}`);
  }
}
