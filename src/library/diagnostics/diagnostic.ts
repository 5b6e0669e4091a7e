/**
 * Problems are data: every check reports a Diagnostic instead of throwing, so one run shows
 * every mistake in the definitions at once.
 */

export type Severity = 'error' | 'warning';

/** Where a definition was written: filled from the call site of `alert()`, `counter()`, ... */
export interface SourceLocation {
  /** Absolute path while loading; made project-relative before printing. */
  file: string;
  line: number;
  column: number;
}

/** A span of PromQL or template text to underline when the problem is printed. */
export interface Snippet {
  text: string;
  from: number;
  to: number;
}

export interface Diagnostic {
  /** Stable identifier such as `promql/unknown-metric`; documented in docs/checks.md. */
  code: string;
  severity: Severity;
  file?: string;
  line?: number;
  column?: number;
  /** Path inside the definition: `GatewayHighErrorRate.annotations.description`. */
  path: string;
  message: string;
  hint?: string;
  snippet?: Snippet;
}

/** Fields a check supplies; code and severity come from the check itself. */
export interface Finding {
  path: string;
  message: string;
  hint?: string;
  snippet?: Snippet;
  source?: SourceLocation;
  /** Overrides the check's default severity (a softer variant of the same rule). */
  severity?: Severity;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Orders diagnostics by file, line and code so output is stable from run to run. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      (a.file ?? '').localeCompare(b.file ?? '') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      a.path.localeCompare(b.path) ||
      a.code.localeCompare(b.code) ||
      a.message.localeCompare(b.message),
  );
}
