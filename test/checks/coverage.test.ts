import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allCodes } from '../../src/engine/checks/registry.js';

// Every code lookout can report has a table (test/support/checkCases.ts) with a passing and a
// failing case; the tables are found by the code written out as checkCases' first argument.

const TEST = path.resolve(import.meta.dirname, '..');
const CALL = /checkCases\(\s*'([^']+)'/g;

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'fixtures' || e.name === 'node_modules' ? [] : testFiles(p);
    return e.name.endsWith('.test.ts') ? [p] : [];
  });
}

function tabled(): Map<string, string[]> {
  const where = new Map<string, string[]>();
  for (const file of testFiles(TEST)) {
    for (const m of readFileSync(file, 'utf8').matchAll(CALL)) where.set(m[1]!, [...(where.get(m[1]!) ?? []), path.relative(TEST, file)]);
  }
  return where;
}

describe('the check tables', () => {
  const codes = allCodes();
  const tables = tabled();

  it('list every code the registry knows, a hundred and more', () => {
    expect(codes.length).toBeGreaterThan(100);
  });

  it('have a table for every code', () => {
    expect(codes.filter((c) => !tables.has(c))).toEqual([]);
  });

  it('have no table for a code that does not exist, and one table per code', () => {
    expect([...tables.keys()].filter((c) => !codes.includes(c))).toEqual([]);
    expect([...tables].filter(([, files]) => files.length > 1)).toEqual([]);
  });
});
