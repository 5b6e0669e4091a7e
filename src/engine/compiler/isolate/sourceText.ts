import { readFileSync } from 'node:fs';
import type { SourceLocation } from '../../../library/diagnostics/diagnostic.js';

/**
 * The project's source text, for the diagnostics that must find a line by reading it (a value
 * thrown without a stack, an await that never settled, a builtin patched): undefined when the
 * file cannot be read, so the diagnostic falls back to the module.
 */
export function readSource(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** The first line of `file` that `test` accepts, at its first non-blank column. */
export function firstLine(file: string, test: (line: string) => boolean, source = readSource(file)): SourceLocation | undefined {
  if (source === undefined) return undefined;
  const lines = source.split('\n');
  const i = lines.findIndex(test);
  return i < 0 ? undefined : { file, line: i + 1, column: lines[i]!.search(/\S/) + 1 };
}

/** Where offset `index` of `source` (the text of `file`) is. */
export function locationAt(file: string, source: string, index: number): SourceLocation {
  const before = source.slice(0, index).split('\n');
  return { file, line: before.length, column: before.at(-1)!.length + 1 };
}
