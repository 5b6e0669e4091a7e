import type { Diagnostic } from '../../../library/diagnostics/diagnostic.js';
import { alertUnit } from './progress.js';
import { formatLimit } from './timeLimit.js';

/** One alert's test synthesis ran past the time limit: its worker thread was stopped. */
export class SynthesisTimeout extends Error {
  constructor(
    readonly alert: string,
    readonly limitMs: number,
  ) {
    super(`synthesizing the tests of alert ${alert} took longer than ${formatLimit(limitMs)}`);
  }
}

export const SYNTHESIS_TIMEOUT_CODE = 'test/synthesis-timeout';

export const SYNTHESIS_TIMEOUT_HINT =
  "a hand-written test evaluated at a far time (`at: '99999d'`) simulates every step up to it: test nearer, or raise the limit with LOOKOUT_TIMEOUT=<seconds>";

export function synthesisTimeoutDiagnostic(e: SynthesisTimeout): Diagnostic {
  const at = alertUnit('', e.alert);
  return {
    code: SYNTHESIS_TIMEOUT_CODE,
    severity: 'error',
    ...(at.file ? { file: at.file, line: at.line, column: at.column } : {}),
    path: `${e.alert}.tests`,
    message: `${e.message}: nothing was generated`,
    hint: SYNTHESIS_TIMEOUT_HINT,
  };
}
