import type { AuditEvent, Debit } from './records.js';

export interface LedgerSummary {
  /** Debits accepted (duplicates not counted). */
  debits: number;
  events: number;
  /** Spend of the accepted debits by team, teams in name order. */
  usdByTeam: Record<string, number>;
  /** Debits and events sent again with an id already taken, and ignored. */
  duplicates: number;
  /** Batches answered 400: malformed, or refused by the reject fault. */
  rejectedBatches: number;
}

export interface Budget {
  team: string;
  limitUsd: number;
  spentUsd: number;
  /** Negative once the team has overspent: how far over, which a gateway may want to show. */
  remainingUsd: number;
}

// Money is summed in integer nano-dollars: float sums of many small prices drift (0.1 + 0.2),
// and a test that compares a ledger's spend with the gateway's would fail on the last digit.
// Exact up to about 9 million dollars.
const NANOS = 1e9;
const toNanos = (usd: number) => Math.round(usd * NANOS);

/** Records in arrival order, each id taken once: a record sent again is counted, not kept. */
class IdempotentLog<T extends { readonly id: string }> {
  private readonly ids = new Set<string>();
  private readonly records: T[] = [];

  add(batch: readonly T[], onAccepted: (record: T) => void = () => undefined): { accepted: number; duplicates: number } {
    let accepted = 0;
    for (const record of batch) {
      if (this.ids.has(record.id)) continue;
      this.ids.add(record.id);
      this.records.push(record);
      onAccepted(record);
      accepted++;
    }
    return { accepted, duplicates: batch.length - accepted };
  }

  get size(): number {
    return this.records.length;
  }

  list(): T[] {
    return this.records.slice();
  }

  clear(): void {
    this.ids.clear();
    this.records.length = 0;
  }
}

/** The ledger's records, in memory. Every write is idempotent by id: a retried batch never counts twice. */
export class LedgerStore {
  private readonly debitLog = new IdempotentLog<Debit>();
  private readonly eventLog = new IdempotentLog<AuditEvent>();
  private readonly spent = new Map<string, number>();
  private readonly limits = new Map<string, number>();
  private duplicates = 0;
  private rejectedBatches = 0;

  constructor(private readonly startBudgets: Readonly<Record<string, number>> = {}) {
    this.reset();
  }

  addDebits(debits: readonly Debit[]): { accepted: number; duplicates: number } {
    const result = this.debitLog.add(debits, (d) => this.spent.set(d.team, (this.spent.get(d.team) ?? 0) + toNanos(d.usd)));
    this.duplicates += result.duplicates;
    return result;
  }

  addEvents(events: readonly AuditEvent[]): { accepted: number; duplicates: number } {
    const result = this.eventLog.add(events);
    this.duplicates += result.duplicates;
    return result;
  }

  countRejectedBatch(): void {
    this.rejectedBatches++;
  }

  setBudget(team: string, limitUsd: number): void {
    if (!team || !Number.isFinite(limitUsd) || limitUsd < 0) throw new Error(`a budget needs a team name and a limit of 0 USD or more (got ${JSON.stringify(team)}: ${limitUsd})`);
    this.limits.set(team, toNanos(limitUsd));
  }

  /** The team's budget, or undefined for a team without one (its debits are still recorded). */
  budget(team: string): Budget | undefined {
    const limit = this.limits.get(team);
    if (limit === undefined) return undefined;
    const spent = this.spent.get(team) ?? 0;
    return { team, limitUsd: limit / NANOS, spentUsd: spent / NANOS, remainingUsd: (limit - spent) / NANOS };
  }

  summary(): LedgerSummary {
    const usdByTeam: Record<string, number> = {};
    for (const team of [...this.spent.keys()].sort()) usdByTeam[team] = this.spent.get(team)! / NANOS;
    return { debits: this.debitLog.size, events: this.eventLog.size, usdByTeam, duplicates: this.duplicates, rejectedBatches: this.rejectedBatches };
  }

  debits(): Debit[] {
    return this.debitLog.list();
  }

  events(): AuditEvent[] {
    return this.eventLog.list();
  }

  /** Forgets every record and counter; budgets go back to the ones the ledger started with. */
  reset(): void {
    this.debitLog.clear();
    this.eventLog.clear();
    this.spent.clear();
    this.limits.clear();
    this.duplicates = 0;
    this.rejectedBatches = 0;
    for (const [team, limit] of Object.entries(this.startBudgets)) this.setBudget(team, limit);
  }
}
