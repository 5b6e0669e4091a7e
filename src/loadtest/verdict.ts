import type { ScenarioRun } from './report/types.js';

/** One line per expectation for the terminal: ok/FAIL, what was demanded, and what the run saw. */
export function verdictLines(run: ScenarioRun): string[] {
  return run.expectations.map((e) => `${e.met ? 'ok  ' : 'FAIL'}  ${e.kind === 'fires' ? `fires → ${e.receiver}` : 'quiet'}  ${e.detail}`);
}
