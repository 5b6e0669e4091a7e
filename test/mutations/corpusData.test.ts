import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { classify } from './classify.js';
import { CORPUS } from './corpus.js';
import { applyEdit, KINDS } from './mutation.js';
import { BASE } from './workspace.js';

describe('the mutation corpus as data', () => {
  it('holds hundreds of mutations with unique ids, across every kind of definition', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(300);
    expect(new Set(CORPUS.map((m) => m.id)).size).toBe(CORPUS.length);
    expect(new Set(CORPUS.map((m) => m.kind))).toEqual(new Set(KINDS));
  });

  it('writes TypeScript that parses, except where the syntax is the mistake: the type check must not stand in for the check a mutation is meant for', () => {
    const unparsable = CORPUS.filter((m) => m.file.endsWith('.ts')).flatMap((m) => {
      const file = path.join(BASE, m.file);
      const text = applyEdit(existsSync(file) ? readFileSync(file, 'utf8') : undefined, m);
      const parsed = ts.createSourceFile(m.file, text, ts.ScriptTarget.Latest, true) as ts.SourceFile & { parseDiagnostics: readonly ts.Diagnostic[] };
      return parsed.parseDiagnostics.length > 0 ? [m.id] : [];
    });
    expect(unparsable).toEqual(['module-syntax-error']);
  });

  it('edits the base project where it says: each text to replace occurs exactly once in its file', () => {
    const failures: string[] = [];
    for (const m of CORPUS) {
      const file = path.join(BASE, m.file);
      try {
        const edited = applyEdit(existsSync(file) ? readFileSync(file, 'utf8') : undefined, m);
        if (existsSync(file) && edited === readFileSync(file, 'utf8')) failures.push(`${m.id}: changes nothing`);
      } catch (e) {
        failures.push(String(e));
      }
    }
    expect(failures).toEqual([]);
  });
});

describe('classifying one generate', () => {
  const inProject = (f: string) => f === 'rules/a.ts';
  const run = (exitCode: number | null, output: string, timedOut = false) => ({ exitCode, signal: null, output, timedOut });

  it.each([
    ['exit 1 with every error at a project line is a clean rejection', run(1, 'rules/a.ts:3:5: error x/y: bad\n1 error, 0 warnings'), [], 'rejected', 0],
    ['an error without a line is a rejection that breaks an invariant', run(1, 'rules/a.ts: error load/module: bad'), [], 'rejected', 1],
    ['an error without a file breaks it too', run(1, 'error runbook/template: bad'), [], 'rejected', 1],
    ['an error in a file outside the project breaks it too', run(1, '../src/x.ts:3:1: error x/y: bad'), [], 'rejected', 1],
    ['a rejection that changed generated/ breaks it', run(1, 'rules/a.ts:3:5: error x/y: bad'), ['rules/a.yml'], 'rejected', 1],
    ['exit 1 without any diagnostic breaks it', run(1, 'something went wrong'), [], 'rejected', 1],
    ['exit 0 that wrote generated/ is an acceptance', run(0, 'wrote generated/: 1 new, 0 changed, 0 removed (37 files).'), [], 'accepted', 0],
    ['exit 0 without writing is a crash', run(0, ''), [], 'crashed', 1],
    ['exit 2 is a crash', run(2, 'generated/ left unchanged.'), [], 'crashed', 1],
    ['exit 13 (an await that never settles) is a crash', run(13, ''), [], 'crashed', 1],
    ['a stack trace is a crash whatever the exit code', run(1, 'TypeError: x is not a function\n    at f (file:///p/rules/a.ts:3:5)'), [], 'crashed', 1],
    ['"internal error" is a crash', run(2, 'internal error: boom'), [], 'crashed', 1],
    ['killed at the time limit is a hang', run(null, '', true), [], 'hung', 1],
  ] as const)('%s', (_, r, changed, outcome, problems) => {
    const v = classify(r, changed, inProject);
    expect(v.outcome).toBe(outcome);
    expect(v.problems).toHaveLength(problems);
  });
});
