import { expect } from 'vitest';
import type { CorpusRun } from './run.js';

/**
 * The acceptance of the corpus, for every mutation alike (no recorded outcome per mutation):
 * no crash, no hang, every rejection names a project file and line for each error and leaves
 * generated/ untouched, and every acceptance produces files promtool and amtool accept. Each
 * failing list names the mutations with their first output line, so a failure says what to fix.
 */
export function expectInvariants(run: CorpusRun): void {
  const list = (outcome: string, withProblems: boolean) =>
    run.results.filter((r) => r.outcome === outcome && (!withProblems || r.problems.length > 0)).map((r) => `${r.id}: ${r.problems[0] ?? ''} | ${r.head.split('\n')[0]}`);
  expect.soft(list('crashed', false), 'crashed').toEqual([]);
  expect.soft(list('hung', false), 'hung').toEqual([]);
  expect.soft(list('rejected', true), 'rejected without file:line, or generated/ touched').toEqual([]);
  expect.soft(list('accepted', true), 'accepted, then refused by promtool or amtool').toEqual([]);
}
