import { existsSync } from 'node:fs';
import path from 'node:path';
import { discover } from '../../src/engine/compiler/discover.js';
import { ParsedSources, typecheck } from '../../src/engine/compiler/typecheck.js';
import type { Diagnostic } from '../../src/library/diagnostics/diagnostic.js';

/**
 * The first step of `lookout generate`, run here in one process over many copies: the
 * compiler's own typecheck(), with the parsed libraries (TypeScript's, @types/node, lookout's
 * library) shared between the programs, so a copy costs a fraction of a generate. A copy with
 * type errors stops at them in generate too (they win over every later stage, see
 * compiler/pipeline.ts); the corpus still sends a sample of them through the real CLI to keep
 * this shortcut honest.
 */
export class TypeChecker {
  private readonly sources = new ParsedSources();

  async errors(project: string): Promise<Diagnostic[]> {
    const files = await discover(project);
    if ('missing' in files) throw new Error(`no lookout.config.ts in ${project}`);
    return typecheck(files, undefined, this.sources).diagnostics.filter((d) => d.severity === 'error');
  }
}

/** The type errors that do not name a line of a file in the project. */
export function unplacedTypeErrors(errors: readonly Diagnostic[], project: string): string[] {
  return errors
    .filter((d) => !d.file || !d.line || d.file.startsWith('..') || path.isAbsolute(d.file) || !existsSync(path.join(project, d.file)))
    .map((d) => `no project file:line: ${d.file ?? ''}${d.line ? `:${d.line}` : ''} error ${d.code}: ${d.message.split('\n')[0]}`);
}
