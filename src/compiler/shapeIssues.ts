import type { z } from 'zod';
import type { Diagnostic } from '../toolkit/diagnostics/diagnostic.js';

/** One `definition/invalid` diagnostic per zod issue, at `file` (and the definition's line), its path under `prefix`. */
export function issuesToDiagnostics(error: z.ZodError, file: string, prefix: string, source?: { line: number; column: number }): Diagnostic[] {
  return error.issues.map((issue) => {
    const d: Diagnostic = {
      code: 'definition/invalid',
      severity: 'error',
      file,
      path: [prefix, ...issue.path.map(String)].filter(Boolean).join('.'),
      message: issue.message,
    };
    if (source) {
      d.line = source.line;
      d.column = source.column;
    }
    return d;
  });
}
