import type { z } from 'zod';
import { IMPORT_CODES, type FieldPath, type SpecFile, type Where } from '../specFile.js';

/** The mapping at `path` inside `root`, or undefined when something on the way is not one. */
function mappingAt(root: unknown, path: FieldPath): Record<string, unknown> | undefined {
  let node = root;
  for (const seg of path) node = typeof node === 'object' && node !== null ? (node as Record<string | number, unknown>)[seg] : undefined;
  return typeof node === 'object' && node !== null && !Array.isArray(node) ? (node as Record<string, unknown>) : undefined;
}

/**
 * Validates `value` against a schema of strict objects. A key the schema does not know is not
 * an error (Sloth's own YAML reader ignores it) but it must not vanish either: each one is
 * named in a warning at its line, taken out, and the rest is validated as usual.
 */
export function readKnownFields<T>(file: SpecFile, schema: z.ZodType<T>, where: Where, value: unknown, reader: string): T | undefined {
  const first = schema.safeParse(value);
  if (first.success) return first.data;
  const copy: unknown = structuredClone(value);
  for (const issue of first.error.issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    const path = issue.path as (string | number)[];
    const mapping = mappingAt(copy, path);
    for (const key of issue.keys) {
      file.report('warning', IMPORT_CODES.unsupported, { ...where, path: [...where.path, ...path, key] }, `"${key}" is not a field ${reader} reads; left out`, 'check its spelling against the spec');
      if (mapping) delete mapping[key];
    }
  }
  return file.validate(schema, where, copy);
}
