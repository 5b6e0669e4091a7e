import path from 'node:path';
import type { Project as TsProject } from 'ts-morph';
import { sortDiagnostics, type Diagnostic } from '../../library/diagnostics/diagnostic.js';
import { relative } from './paths.js';

/**
 * Makes file paths project-relative and points each diagnostic at the field it is about,
 * reading the sources through `sources`: a ts-morph project, or 'syntax' for a parse-only one
 * made when some diagnostic needs it (ts-morph takes a while to load); without either,
 * locations stay as found.
 */
export async function finalize(diagnostics: Diagnostic[], root: string, sources: TsProject | 'syntax' | undefined): Promise<Diagnostic[]> {
  const located = diagnostics.filter((d) => d.file && path.isAbsolute(d.file));
  const locate = located.length > 0 && sources ? await import('./locate.js') : undefined;
  const program = locate && (sources === 'syntax' ? locate.syntaxProject() : sources);
  for (const d of located) {
    const abs = d.file!;
    if (locate && program) locate.refineLocation(d, abs, program);
    d.file = relative(root, abs);
  }
  return sortDiagnostics(diagnostics);
}
