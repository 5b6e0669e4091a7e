import type { LedgerAnswer } from './ledgerClient.js';

/** What a queue does with a batch after the ledger's answer. */
export type LedgerVerdict = 'accepted' | 'retry' | 'refused';

/** 4xx answers that say "not now" rather than "never": request timeout, rate limited. */
const TRY_AGAIN_LATER = new Set([408, 429]);

/**
 * The one rule both queues to the ledger follow (budget debits, audit events), so that a
 * ledger outage keeps debits and events alike: no answer, a timeout, a 5xx, 408 or 429 is
 * retried with the batch loop's backoff; any other 4xx means the ledger will never take the
 * batch, which is refused at once. Only a 2xx is accepted: a 3xx (the ledger behind a
 * redirect the client does not follow) took nothing, and is retried until someone fixes the URL.
 */
export function ledgerVerdict(answer: LedgerAnswer): LedgerVerdict {
  if (answer.kind !== 'answered') return 'retry';
  if (answer.status >= 200 && answer.status < 300) return 'accepted';
  if (answer.status >= 400 && answer.status < 500 && !TRY_AGAIN_LATER.has(answer.status)) return 'refused';
  return 'retry';
}
