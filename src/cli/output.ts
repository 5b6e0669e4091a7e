import { formatDiagnostic, summarize } from '../library/diagnostics/format.js';
import type { Diagnostic } from '../library/diagnostics/diagnostic.js';

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
