import type { ScenarioRun } from './report/types.js';

/** One line per expectation for the terminal: ok/FAIL, what was demanded, and what the run saw. */
export function verdictLines(run: ScenarioRun): string[] {
  const lines = run.expectations.map((e) => `${e.met ? 'ok  ' : 'FAIL'}  ${e.kind === 'fires' ? `fires → ${e.receiver}` : 'quiet'}  ${e.detail}`);
  if (run.ledger) lines.push(`${run.ledger.met ? 'ok  ' : 'FAIL'}  ledger  ${run.ledger.detail}`);
  return lines;
}
