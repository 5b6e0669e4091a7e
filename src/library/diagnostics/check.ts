import type { Diagnostic, Finding, Severity } from './diagnostic.js';

/**
 * A named rule with a stable id. Each check lives in its own file with the reason it exists,
 * so `docs/checks.md` can be generated from the same objects that report problems.
 */
export interface Check {
  /** Stable id, `area/what`, never reused for a different rule. */
  readonly id: string;
  readonly severity: Severity;
  /** One line: what the check looks for. */
  readonly title: string;
  /** Why a problem of this kind matters in production. */
  readonly why: string;
  /**
   * The tool that refuses output carrying this problem (Prometheus, Alertmanager, promtool).
   * Such a check cannot be silenced with `ignore`: generate would write files the tool rejects.
   */
  readonly refusedBy?: string;
}

/** What a check reports about one object: the field at fault, relative to the object's path. */
export type FieldFinding = Omit<Finding, 'path' | 'source'> & { field: string };

/** A check run once per object of some kind (a catalog metric, an SLO), given its context. */
export interface FieldCheck<Context> {
  readonly check: Check;
  run(ctx: Context): FieldFinding[];
}

export function defineCheck(check: Check): Check {
  return check;
}

/** Turns a finding of `check` into a diagnostic. */
export function diagnose(check: Check, finding: Finding): Diagnostic {
  const d: Diagnostic = {
    code: check.id,
    severity: finding.severity ?? check.severity,
    path: finding.path,
    message: finding.message,
  };
  if (finding.source) {
    d.file = finding.source.file;
    d.line = finding.source.line;
    d.column = finding.source.column;
  }
  if (finding.hint) d.hint = finding.hint;
  if (finding.snippet) d.snippet = finding.snippet;
  return d;
}
