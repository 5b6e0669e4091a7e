import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/library/diagnostics/diagnostic.js';

/** One input of a table, named so a failure says which. */
export interface CheckCase<Input> {
  name: string;
  input: Input;
}

/** A failing input, with the fields its diagnostic must carry (a path, a line, words of the message). */
export interface FailingCase<Input> extends CheckCase<Input> {
  expect?: Partial<Pick<Diagnostic, 'severity' | 'path' | 'file' | 'line' | 'column'>> & { message?: string | RegExp; hint?: string | RegExp };
}

/**
 * The table test of one diagnostic code, pint-style: `run` turns an input into the diagnostics
 * lookout reports for it (through the same stage the compiler or the command runs); every
 * passing input reports nothing under `code`, every failing one reports it at least once.
 */
export interface CheckTable<Input> {
  run(input: Input): readonly Diagnostic[] | Promise<readonly Diagnostic[]>;
  pass: readonly CheckCase<Input>[];
  fail: readonly FailingCase<Input>[];
}

/**
 * Registers the table of `code` as a vitest suite. test/checks/coverage.test.ts finds these
 * calls by their literal code, so each registered code must appear as the first argument,
 * written out.
 */
export function checkCases<Input>(code: string, table: CheckTable<Input>): void {
  describe(code, () => {
    it('has at least one passing and one failing case', () => {
      expect(table.pass.length, `${code}: no passing case`).toBeGreaterThan(0);
      expect(table.fail.length, `${code}: no failing case`).toBeGreaterThan(0);
    });
    for (const c of table.pass) {
      it(`passes: ${c.name}`, async () => {
        const found = (await table.run(c.input)).filter((d) => d.code === code);
        expect(found).toEqual([]);
      });
    }
    for (const c of table.fail) {
      it(`fails: ${c.name}`, async () => {
        const found = (await table.run(c.input)).filter((d) => d.code === code);
        expect(found.length, `${code} was not reported`).toBeGreaterThan(0);
        if (c.expect) expect(found.some((d) => matches(d, c.expect!)), `no ${code} diagnostic matches ${describeExpect(c.expect)}; got ${JSON.stringify(found)}`).toBe(true);
      });
    }
  });
}

function matches(d: Diagnostic, want: NonNullable<FailingCase<unknown>['expect']>): boolean {
  for (const [key, value] of Object.entries(want)) {
    const actual = (d as unknown as Record<string, unknown>)[key];
    if (value instanceof RegExp) {
      if (typeof actual !== 'string' || !value.test(actual)) return false;
    } else if (key === 'message' || key === 'hint') {
      if (typeof actual !== 'string' || !actual.includes(value as string)) return false;
    } else if (actual !== value) return false;
  }
  return true;
}

function describeExpect(want: object): string {
  return JSON.stringify(want, (_k, v: unknown) => (v instanceof RegExp ? String(v) : v));
}
