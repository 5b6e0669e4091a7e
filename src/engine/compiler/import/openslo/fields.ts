import type { z } from 'zod';
import { IMPORT_CODES, type FieldPath, type SpecFile, type Where } from '../specFile.js';

/** Field helpers every OpenSLO object shares. */

export type At = (...p: FieldPath) => Where;

export function isMapping(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A field below `where`. */
export function below(where: Where, ...p: FieldPath): Where {
  return { ...where, path: [...where.path, ...p] };
}

/**
 * The value with every mapping key whose value is null taken out: OpenSLO files in the wild
 * leave optional fields empty (`alertPolicies:`, `labels:`), which means "not given".
 */
export function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (!isMapping(value)) return value;
  return Object.fromEntries(Object.entries(value).flatMap(([k, v]) => (v === null ? [] : [[k, withoutNulls(v)]])));
}

/**
 * One warning for every key of `raw` lookout does not read: zod drops unknown keys, and an
 * import must never drop anything without saying so. `read` is the schema `raw` was validated
 * with (its keys are the ones read), or the keys themselves where no schema names them.
 */
export function reportUnread(file: SpecFile, where: Where, raw: unknown, read: z.ZodObject | readonly string[]): void {
  if (!isMapping(raw)) return;
  const keys = Array.isArray(read) ? read : Object.keys((read as z.ZodObject).shape);
  for (const key of Object.keys(raw)) {
    if (!keys.includes(key)) file.report('warning', IMPORT_CODES.changed, below(where, key), `"${key}" left out: lookout does not know this field`);
  }
}

/** One warning naming the fields of `raw` (among `keys`) that are read but have no place in lookout. */
export function reportLeftOut(file: SpecFile, where: Where, raw: unknown, keys: readonly string[], reason: string): void {
  if (!isMapping(raw)) return;
  const present = keys.filter((k) => raw[k] !== undefined);
  if (present.length === 0) return;
  const at = present.length === 1 ? below(where, present[0]!) : where;
  file.report('warning', IMPORT_CODES.changed, at, `${present.join(', ')} left out: ${reason}`);
}

/** The hint for a reference to an object no input file defines: objects may be in any of them. */
export function refHint(kind: string): string {
  return `lookout reads the ${kind} objects of every file it is given: give the file that defines it too`;
}
