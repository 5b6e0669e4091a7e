import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic } from '../../../library/diagnostics/diagnostic.js';
import { relative } from '../paths.js';
import { fileProblem, IMPORT_CODES, readFailure, type SpecPart } from './specFile.js';

/** The files of a folder an import reads: YAML, as Sloth and oslo write their specs. */
const SPEC_FILE = /\.ya?ml$/i;

/**
 * How the module written names each file: its base name, so the module is the same whichever
 * folder the import ran from; the path below the files' common folder when two share a name.
 */
function sourceNames(files: readonly string[]): string[] {
  const bases = files.map((f) => path.basename(f));
  if (new Set(bases).size === bases.length) return bases;
  let common = path.dirname(files[0]!);
  while (!files.every((f) => !path.relative(common, f).startsWith('..'))) common = path.dirname(common);
  return files.map((f) => relative(common, f));
}

/** An input: a file, or a folder standing for its YAML files in name order. */
async function expand(input: string): Promise<{ files: string[]; problem?: Diagnostic }> {
  const display = relative(process.cwd(), input);
  try {
    if (!(await stat(input)).isDirectory()) return { files: [input] };
    const entries = await readdir(input, { withFileTypes: true });
    const files = entries
      .filter((e) => e.isFile() && SPEC_FILE.test(e.name))
      .map((e) => e.name)
      .sort()
      .map((name) => path.join(input, name));
    if (files.length === 0) return { files, problem: fileProblem(IMPORT_CODES.invalid, display, 'no .yaml or .yml file in this folder', 'give the folder holding the spec files, or the files themselves') };
    return { files };
  } catch (e) {
    return { files: [], problem: fileProblem(IMPORT_CODES.invalid, display, `cannot read the input: ${readFailure(e)}`) };
  }
}

/**
 * Reads the inputs of an import (absolute paths of files or folders) as the parts of one
 * `SpecFile`, in the order given, each file once. Any unreadable input is a diagnostic.
 */
export async function readInputs(inputs: readonly string[]): Promise<{ parts: SpecPart[]; diagnostics: Diagnostic[] }> {
  const diagnostics: Diagnostic[] = [];
  const files: string[] = [];
  for (const input of inputs) {
    const { files: found, problem } = await expand(input);
    if (problem) diagnostics.push(problem);
    for (const f of found) if (!files.includes(f)) files.push(f);
  }
  const names = files.length ? sourceNames(files) : [];
  const parts: SpecPart[] = [];
  for (const [i, file] of files.entries()) {
    const display = relative(process.cwd(), file);
    try {
      parts.push({ display, source: names[i], text: await readFile(file, 'utf8') });
    } catch (e) {
      diagnostics.push(fileProblem(IMPORT_CODES.invalid, display, `cannot read the input: ${readFailure(e)}`));
    }
  }
  return { parts, diagnostics };
}
