import { describe, expect, it } from 'vitest';
import { configSchema } from '../../src/integrations/gateway/config/schema.js';
import { BudgetBook } from '../../src/integrations/gateway/governance/budget.js';
import type { LedgerAnswer } from '../../src/integrations/gateway/governance/ledgerClient.js';
import { gateway } from '../../src/integrations/gateway/metrics.js';
import { silentInstruments } from '../../src/library/runtime.js';

const settings = configSchema.shape.ledger.parse({});

/** A ledger stand-in answering budget look-ups with `spentUsd`, counting the calls; `hold` keeps each answer until released. */
function fakeLedger(spentUsd: () => number, hold = false) {
  const waiting: Array<() => void> = [];
  const ledger = {
    calls: 0,
    async get(): Promise<LedgerAnswer> {
      ledger.calls++;
      if (hold) await new Promise<void>((r) => waiting.push(r));
      return { kind: 'answered', status: 200, json: { spentUsd: spentUsd() } };
    },
    release: () => waiting.splice(0).forEach((r) => r()),
  };
  return ledger;
}

const book = (budgetUsd: number, ledger?: ReturnType<typeof fakeLedger>) => new BudgetBook([{ name: 't', budgetUsd }], settings, silentInstruments(gateway), () => ledger);

describe('team budgets held by reservations', () => {
  it('keeps what a team has spent and reserved through a reconfigure, under its new limit, and drops a team left without a budget', async () => {
    const b = new BudgetBook([{ name: 't', budgetUsd: 1 }, { name: 'u', budgetUsd: 1 }], settings, silentInstruments(gateway), () => undefined);
    expect(await b.reserve('t', 0.5)).toEqual({ reserved: true });
    b.settle('t', 0.5, 0.4);
    expect(await b.reserve('t', 0.3)).toEqual({ reserved: true });
    b.reconfigure([{ name: 't', budgetUsd: 1.2 }, { name: 'u' }], settings);
    // 0.4 spent and 0.3 in flight carry over: 0.5 of the new 1.2 is left.
    expect(await b.reserve('t', 0.6)).toEqual({ reserved: false, leftUsd: expect.closeTo(0.5, 9) });
    expect(await b.reserve('t', 0.5)).toEqual({ reserved: true });
    // u has no budget any more: nothing to hold it to.
    expect(await b.reserve('u', 100)).toEqual({ reserved: true });
  });

  it('admits concurrent requests only while their worst cases fit, then admits again as they settle', async () => {
    const b = book(1);
    const verdicts = await Promise.all(Array.from({ length: 20 }, () => b.reserve('t', 0.1)));
    expect(verdicts.filter((v) => v.reserved)).toHaveLength(10);
    expect(verdicts.at(-1)).toEqual({ reserved: false, leftUsd: expect.closeTo(0, 9) });
    // Ten requests settle at a quarter of their worst case: 0.25 spent, 0.75 free again.
    for (let i = 0; i < 10; i++) b.settle('t', 0.1, 0.025);
    const again = await Promise.all(Array.from({ length: 10 }, () => b.reserve('t', 0.1)));
    expect(again.filter((v) => v.reserved)).toHaveLength(7);
  });

  it('releases a failed request reservation whole and refuses what would pass the budget, naming what is left', async () => {
    const b = book(1);
    expect((await b.reserve('t', 0.6)).reserved).toBe(true);
    b.settle('t', 0.6, 0);
    expect((await b.reserve('t', 0.6)).reserved).toBe(true);
    b.settle('t', 0.6, 0.5);
    expect(await b.reserve('t', 0.6)).toEqual({ reserved: false, leftUsd: 0.5 });
    expect((await b.reserve('t', 0.5)).reserved).toBe(true);
  });

  it('costs no ledger call while the reservations stay below the near-limit share', async () => {
    const ledger = fakeLedger(() => 0);
    const b = book(100, ledger);
    for (let i = 0; i < 50; i++) {
      expect((await b.reserve('t', 1)).reserved).toBe(true);
      b.settle('t', 1, 0.5);
    }
    expect(ledger.calls).toBe(0);
  });

  it('near the limit, decides after the live check, counting every reservation taken meanwhile', async () => {
    // The ledger has seen 0.05 of spend from other replicas; this one knows nothing of it yet.
    const ledger = fakeLedger(() => 0.05, true);
    const b = book(1, ledger);
    // Below 0.9 with its worst case: taken at once, no look-up.
    expect((await b.reserve('t', 0.8)).reserved).toBe(true);
    expect(ledger.calls).toBe(0);
    // These two would reach 0.9: each asks the ledger, and both wait for its answer.
    const pending = [b.reserve('t', 0.1), b.reserve('t', 0.1)];
    expect(ledger.calls).toBe(2);
    ledger.release();
    // 0.05 + 0.8 + 0.1 fits; the second would make it 1.05.
    expect((await Promise.all(pending)).map((v) => v.reserved)).toEqual([true, false]);
  });

  it('counts a debit the ledger accepted while a look-up was on its way as not yet in the snapshot', async () => {
    const ledger = fakeLedger(() => 0, true);
    const b = book(1, ledger);
    expect((await b.reserve('t', 0.5)).reserved).toBe(true);
    b.settle('t', 0.5, 0.5);
    // A look-up goes out and the ledger answers 0, read before the debit of 0.5 landed; the
    // debit's acknowledgement reaches this replica before the answer does.
    const asked = b.reserve('t', 0.55);
    b.flushed('t', 0.5);
    ledger.release();
    // The 0.5 still counts: 0.5 + 0.55 would pass the budget.
    expect(await asked).toEqual({ reserved: false, leftUsd: 0.5 });
  });
});
