import path from 'node:path';
import type { Project as TsProject } from 'ts-morph';
import { sortDiagnostics, type Diagnostic } from '../toolkit/diagnostics/diagnostic.js';
import { refineLocation } from './locate.js';
import { relative } from './paths.js';

/** Makes file paths project-relative and points each diagnostic at the field it is about. */
export function finalize(diagnostics: Diagnostic[], root: string, program: TsProject | undefined): Diagnostic[] {
  for (const d of diagnostics) {
    if (!d.file || !path.isAbsolute(d.file)) continue;
    const abs = d.file;
    if (program) refineLocation(d, abs, program);
    d.file = relative(root, abs);
  }
  return sortDiagnostics(diagnostics);
}
