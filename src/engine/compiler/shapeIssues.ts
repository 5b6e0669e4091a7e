import type { z } from 'zod';
import type { Diagnostic } from '../../library/diagnostics/diagnostic.js';
import { callSiteOf } from './definitionSites.js';
import { relative } from './paths.js';

/** Where a definition's shape problems are reported: a project-relative file, and its line when known. */
export interface Place {
  file: string;
  line?: number;
  column?: number;
}

/**
 * The place of a definition: its call site (in whichever file it was made, perhaps a helper
 * module's), else `fallback`. The file and the line always come from the same place.
 */
export function placeOf(definition: unknown, root: string, fallback: Place): Place {
  const site = callSiteOf(definition);
  return site ? { file: relative(root, site.file), line: site.line, column: site.column } : fallback;
}

/** One `definition/invalid` diagnostic per zod issue, at `place`, its path under `prefix`. */
export function issuesToDiagnostics(error: z.ZodError, prefix: string, place: Place): Diagnostic[] {
  return error.issues.map((issue) => {
    const d: Diagnostic = {
      code: 'definition/invalid',
      severity: 'error',
      file: place.file,
      path: [prefix, ...issue.path.map(String)].filter(Boolean).join('.'),
      message: issue.message,
    };
    if (place.line !== undefined) {
      d.line = place.line;
      d.column = place.column;
    }
    return d;
  });
}
