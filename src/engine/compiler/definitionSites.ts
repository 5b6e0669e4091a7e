import path from 'node:path';
import type { SourceLocation } from '../../library/diagnostics/diagnostic.js';

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

const isPosition = (n: unknown): boolean => typeof n === 'number' && Number.isInteger(n) && n > 0;

/** The call site lookout's builders recorded on `definition`; a hand-made object's `source` may be anything, or nothing. */
export function callSiteOf(definition: unknown): SourceLocation | undefined {
  const s = isObject(definition) ? definition.source : undefined;
  return isObject(s) && typeof s.file === 'string' && path.isAbsolute(s.file) && isPosition(s.line) && isPosition(s.column) ? (s as unknown as SourceLocation) : undefined;
}

/**
 * `definition` with a location every later stage can report at: its own call site, else
 * `site` (the export that holds it). A hand-made rule group's hand-made rules get the group's.
 * Copies rather than writes: the user's object stays as the module made it.
 */
export function located<T extends object>(definition: T, site: SourceLocation): T {
  const source = callSiteOf(definition) ?? site;
  let out: Record<string, unknown> = callSiteOf(definition) ? (definition as Record<string, unknown>) : { ...definition, source };
  const rules = out.kind === 'rule-group' ? out.rules : undefined;
  if (Array.isArray(rules) && rules.some((r) => isObject(r) && !callSiteOf(r))) {
    out = { ...out, rules: rules.map((r: unknown) => (isObject(r) && !callSiteOf(r) ? { ...r, source } : r)) };
  }
  return out as T;
}
