import { describe, expect, it } from 'vitest';
import type { LedgerAnswer } from '../../src/integrations/gateway/governance/ledgerClient.js';
import { ledgerVerdict, type LedgerVerdict } from '../../src/integrations/gateway/governance/retryPolicy.js';

const answered = (status: number): LedgerAnswer => ({ kind: 'answered', status, json: undefined });

/** The rule the debit outbox and the audit queue share: what each ledger answer does to a batch. */
describe("the ledger queues' retry rule", () => {
  it.each<[string, LedgerAnswer, LedgerVerdict]>([
    ['a 200 is accepted', answered(200), 'accepted'],
    ['a 204 is accepted', answered(204), 'accepted'],
    ['no connection is retried', { kind: 'transport', detail: 'ECONNREFUSED' }, 'retry'],
    ['no answer in time is retried', { kind: 'timeout', detail: 'no answer within 300 ms' }, 'retry'],
    ['a 500 is retried', answered(500), 'retry'],
    ['a 503 is retried', answered(503), 'retry'],
    ['a 408 (request timeout) is retried', answered(408), 'retry'],
    ['a 429 (rate limited) is retried', answered(429), 'retry'],
    ['a 302 took nothing and is retried', answered(302), 'retry'],
    ['a 400 is refused: the ledger will never take the batch', answered(400), 'refused'],
    ['a 404 is refused', answered(404), 'refused'],
    ['a 422 is refused', answered(422), 'refused'],
  ])('%s', (_, answer, verdict) => {
    expect(ledgerVerdict(answer)).toBe(verdict);
  });
});
