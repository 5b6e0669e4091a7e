import { existsSync } from 'node:fs';
import path from 'node:path';
import type { SourceLocation } from '../../../library/diagnostics/diagnostic.js';
import { readSource } from './sourceText.js';

/**
 * Where a module that never finished loading most likely waits: the first top-level `await`
 * in it, else in the project modules it imports (depth first, in the order written). A thread
 * whose event loop ran empty has no stack left to ask, so this reads the source: an `await`
 * at the start of an unindented line, or after `=` on one (`const x = await ...`).
 */
const TOP_LEVEL_AWAIT = /^(?:(?:export\s+)?(?:const|let|var)\s+[^=\n]+=\s*)?(?:\(\s*)?(?:for\s+)?await\b/;
const RELATIVE_IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"](\.{1,2}\/[^'"]+)['"]/g;

function resolveImport(from: string, specifier: string): string | undefined {
  const base = path.resolve(path.dirname(from), specifier);
  const candidates = [base.replace(/\.(m|c)?js$/, '.$1ts'), base, `${base}.ts`, path.join(base, 'index.ts')];
  return candidates.find((c) => c.endsWith('ts') && existsSync(c));
}

export function pendingAwait(file: string, seen = new Set<string>()): SourceLocation | undefined {
  if (seen.has(file)) return undefined;
  seen.add(file);
  const source = readSource(file);
  if (source === undefined) return undefined;
  const lines = source.split('\n');
  const i = lines.findIndex((l) => TOP_LEVEL_AWAIT.test(l));
  if (i >= 0) return { file, line: i + 1, column: lines[i]!.indexOf('await') + 1 };
  for (const m of source.matchAll(RELATIVE_IMPORT)) {
    const imported = resolveImport(file, m[1]!);
    const found = imported && !imported.includes('/node_modules/') ? pendingAwait(imported, seen) : undefined;
    if (found) return found;
  }
  return undefined;
}
