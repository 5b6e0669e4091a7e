import { describe, expect, it, vi } from 'vitest';
import type { LedgerSummary } from '../../src/integrations/gateway/ledger/store.js';
import { reconcileLedger } from '../../src/integrations/loadtest/reconcile.js';

/** A ledger whose summary is what `now()` says at each read. */
const ledgerOf = (now: () => Partial<LedgerSummary>) => ({
  summary: (): LedgerSummary => ({ debits: 0, events: 0, usdByTeam: {}, duplicates: 0, rejectedBatches: 0, ...now() }),
});
/** A Prometheus whose `sum(gateway_cost_usd_total)` is `usd`. */
const prometheusOf = (usd: number) => ({
  api: async <T>(query: string): Promise<T> => {
    expect(decodeURIComponent(query)).toContain('sum(gateway_cost_usd_total)');
    return { result: [{ value: [0, String(usd)] }] } as T;
  },
});
const REQUESTS = { '200': 90, '400': 6, '503': 4, error: 3 };
const options = { timeoutMs: 1500, scrapeIntervalMs: 10 };

describe('the ledger reconciliation', () => {
  it('finds nothing lost when every answered request has its event, every 200 its debit, and the spend agrees', async () => {
    const r = await reconcileLedger(ledgerOf(() => ({ events: 100, debits: 90, usdByTeam: { search: 0.25, support: 0.125 }, duplicates: 2 })), prometheusOf(0.375), REQUESTS, options);
    // Requests that got no answer ("error") were never the gateway's to account for.
    expect(r).toMatchObject({ met: true, answered: 100, answeredOk: 90, auditEvents: 100, debits: 90, usdLedger: 0.375, usdGateway: 0.375, duplicates: 2 });
    expect(r.detail).toContain('100 audit event(s) for 100 answered request(s)');
  });

  it('expects an audit event and a debit for every stream a client abandoned, as for every 200', async () => {
    const requests = { ...REQUESTS, abandoned: 20 };
    const r = await reconcileLedger(ledgerOf(() => ({ events: 120, debits: 110, usdByTeam: { search: 1 } })), prometheusOf(1), requests, options);
    expect(r).toMatchObject({ met: true, answered: 120, answeredOk: 90, abandoned: 20, debits: 110 });
    expect(r.detail).toContain('110 debit(s) for 90 answered 200 and 20 abandoned stream(s)');
    // An abandoned stream left unbilled is a lost debit.
    const lost = await reconcileLedger(ledgerOf(() => ({ events: 120, debits: 90, usdByTeam: { search: 1 } })), prometheusOf(1), requests, { ...options, timeoutMs: 300 });
    expect(lost.met).toBe(false);
  });

  it('waits for outboxes still draining', async () => {
    // On fake timers: the outboxes drain 400 ms into the wait, whatever else the machine is doing.
    vi.useFakeTimers();
    try {
      const start = Date.now();
      const ledger = ledgerOf(() => (Date.now() - start < 400 ? { events: 40, debits: 30 } : { events: 100, debits: 90, usdByTeam: { search: 1 } }));
      const reconciled = reconcileLedger(ledger, prometheusOf(1), REQUESTS, options);
      await vi.runAllTimersAsync();
      const r = await reconciled;
      expect(r.met).toBe(true);
      // It read the ledger every 250 ms: the first read after the drain was at 500 ms, well inside the 1.5 s it may wait.
      expect(r.drainMs).toBe(500);
    } finally {
      vi.useRealTimers();
    }
  });

  it('reports a lost debit once the wait runs out', async () => {
    const r = await reconcileLedger(ledgerOf(() => ({ events: 100, debits: 89, usdByTeam: { search: 1 } })), prometheusOf(1), REQUESTS, { ...options, timeoutMs: 300 });
    expect(r.met).toBe(false);
    expect(r.detail).toContain('89 debit(s) for 90 answered 200');
  });

  it('reports spend the gateway counted and the ledger does not have', async () => {
    const r = await reconcileLedger(ledgerOf(() => ({ events: 100, debits: 90, usdByTeam: { search: 1 } })), prometheusOf(1.01), REQUESTS, options);
    expect(r.met).toBe(false);
    expect(r.detail).toContain('1.000000 USD in the ledger, 1.010000 counted by the gateway');
  });

  it('finds more events than answered requests as wrong as fewer', async () => {
    const r = await reconcileLedger(ledgerOf(() => ({ events: 101, debits: 90, usdByTeam: { search: 1 } })), prometheusOf(1), REQUESTS, { ...options, timeoutMs: 300 });
    expect(r.met).toBe(false);
  });
});
