import type { Diagnostic } from '../library/diagnostics/diagnostic.js';
import { sloUntested } from '../engine/synthesis/checks.js';

/**
 * The SLOs generate could write no tests for, as `lookout validate` reports them after the
 * tools ran. Generate finds them while synthesizing tests and says so in its diagnostics
 * (`test/slo-untested`, one per SLO), which its cache replays when nothing changed; validate
 * runs generate first, so it reads them there rather than guessing from generated/, where a
 * missing test file does not say why it is missing.
 */
export function untestedSLOs(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((d) => d.code === sloUntested.id);
}

/** One line per untested SLO: where it is defined, then generate's message (SLO, alerts, reason). */
export function untestedLines(untested: readonly Diagnostic[]): string[] {
  return untested.map((d) => {
    const at = d.file ? `${d.file}${d.line ? `:${d.line}` : ''}: ` : '';
    return `  ${at}${d.message}`;
  });
}
