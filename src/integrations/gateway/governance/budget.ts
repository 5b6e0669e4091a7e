import type { GatewayConfig } from '../config/schema.js';
import type { GatewayInstruments } from '../metrics.js';
import type { LedgerClient } from './ledgerClient.js';

interface TeamBudget {
  limitUsd: number;
  /** Spend the ledger reported at the last snapshot. */
  ledgerSpentUsd: number;
  /** Everything this replica has spent for the team, and how much of it the ledger had seen at the snapshot. */
  localUsd: number;
  flushedUsd: number;
  flushedAtSnapshotUsd: number;
  /** Worst-case costs of this replica's requests in flight, held until each settles. */
  reservedUsd: number;
}

/** A reservation was taken (settle it once), or the request would overspend the budget. */
export type Reservation = { readonly reserved: true } | { readonly reserved: false; readonly leftUsd: number };

const RESERVED: Reservation = Object.freeze({ reserved: true });

/**
 * Team budgets, held under concurrency by reservations. A request reserves its worst-case
 * cost before it is sent and is admitted only if the team's committed spend (the ledger's last
 * snapshot, plus what this replica spent that the ledger had not seen, plus every reservation
 * in flight) leaves room for it; when it ends, the reservation is settled to what it really
 * cost (nothing, if it failed). So one replica never spends past a budget by more than what
 * providers bill beyond a request's worst case; each other replica can add its own reservations
 * in flight, which this one does not see until the ledger has the debits.
 *
 * The hot path reads the cached figures only. A request whose reservation would take the
 * team past `nearLimitRatio` of its budget first refreshes the snapshot with a live check
 * against the ledger; a failing check falls back to the cached figures (fail open: an
 * unreachable ledger must not stop traffic the cache says is within budget).
 *
 * One book outlives config reloads, as the debit outbox does: spend the ledger has not seen
 * yet and reservations in flight carry over, so a reload cannot make a team look as if it had
 * spent nothing since the last snapshot.
 */
export class BudgetBook {
  private readonly teams = new Map<string, TeamBudget>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    teams: GatewayConfig['teams'],
    private settings: GatewayConfig['ledger'],
    private readonly metrics: GatewayInstruments,
    /** Where snapshots and live checks come from, asked each time (a reload may change it); without one, only local spend counts. */
    private readonly ledger: () => Pick<LedgerClient, 'get'> | undefined,
  ) {
    this.reconfigure(teams, settings);
  }

  /**
   * Takes a reloaded config's budgets and settings. A team keeps what it has spent and
   * reserved, under its new limit; a team that no longer has a budget is dropped (its requests
   * in flight settle into nothing).
   */
  reconfigure(teams: GatewayConfig['teams'], settings: GatewayConfig['ledger']): void {
    this.settings = settings;
    const budgeted = new Set<string>();
    for (const t of teams) {
      if (t.budgetUsd === undefined) continue;
      budgeted.add(t.name);
      const kept = this.teams.get(t.name);
      if (kept) kept.limitUsd = t.budgetUsd;
      else this.teams.set(t.name, { limitUsd: t.budgetUsd, ledgerSpentUsd: 0, localUsd: 0, flushedUsd: 0, flushedAtSnapshotUsd: 0, reservedUsd: 0 });
    }
    for (const team of this.teams.keys()) if (!budgeted.has(team)) this.teams.delete(team);
  }

  /** Refreshes every budgeted team's snapshot now and then every `budgetRefreshMs` (again after a reload, at its interval). */
  async start(): Promise<void> {
    this.stop();
    await this.refresh();
    this.timer = setInterval(() => void this.refresh(), this.settings.budgetRefreshMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /**
   * Reserves `worstCaseUsd` of `team`'s budget for a request about to be sent. A taken
   * reservation must be settled exactly once, whatever becomes of the request.
   */
  async reserve(team: string, worstCaseUsd: number): Promise<Reservation> {
    const budget = this.teams.get(team);
    if (!budget) return RESERVED;
    if (this.ledger() && this.committed(budget) + worstCaseUsd >= budget.limitUsd * this.settings.nearLimitRatio) {
      await this.liveCheck(team, budget, worstCaseUsd);
    }
    // Decided and taken in one step, after the await: no other request can slip in between.
    const committed = this.committed(budget);
    if (committed < budget.limitUsd && committed + worstCaseUsd <= budget.limitUsd) {
      budget.reservedUsd += worstCaseUsd;
      return RESERVED;
    }
    this.metrics.budgetBlocks.inc({ team });
    return { reserved: false, leftUsd: Math.max(0, budget.limitUsd - committed) };
  }

  /** Ends a reservation: gives back `reservedUsd` and counts what the request really cost. */
  settle(team: string, reservedUsd: number, spentUsd: number): void {
    const budget = this.teams.get(team);
    if (!budget) return;
    // Clamped: float sums of many reservations must not leave a tiny negative behind.
    budget.reservedUsd = Math.max(0, budget.reservedUsd - reservedUsd);
    budget.localUsd += spentUsd;
  }

  /** Counts spend no reservation of this replica covered (a debit replayed from the spool): the ledger has not seen it yet. */
  spend(team: string, usd: number): void {
    this.settle(team, 0, usd);
  }

  /** Notes debits the ledger has accepted, so the estimate does not count them twice after the next snapshot. */
  flushed(team: string, usd: number): void {
    const budget = this.teams.get(team);
    if (budget) budget.flushedUsd += usd;
  }

  /** Spend the team is committed to as far as this replica knows: spent, and reserved by requests in flight. */
  private committed(b: TeamBudget): number {
    return b.ledgerSpentUsd + (b.localUsd - b.flushedAtSnapshotUsd) + b.reservedUsd;
  }

  private async liveCheck(team: string, budget: TeamBudget, worstCaseUsd: number): Promise<void> {
    const flushedBefore = budget.flushedUsd;
    const ledger = this.ledger();
    if (!ledger) return;
    const answer = await ledger.get(`/budgets/${encodeURIComponent(team)}`, Math.min(this.settings.timeoutMs, 500));
    if (answer.kind !== 'answered' || answer.status !== 200 || !isBudget(answer.json)) {
      this.metrics.budgetLiveChecks.inc({ outcome: answer.kind === 'timeout' ? 'timeout' : 'transport_error' });
      return;
    }
    this.snapshot(budget, answer.json.spentUsd, flushedBefore);
    const after = this.committed(budget) + worstCaseUsd;
    const outcome = after > budget.limitUsd ? 'over_limit' : after >= budget.limitUsd * this.settings.nearLimitRatio ? 'near_limit' : 'ok';
    this.metrics.budgetLiveChecks.inc({ outcome });
  }

  /**
   * `flushedUsd` is read when the question was sent: the ledger's answer holds every debit
   * accepted before that, and perhaps some accepted while it was on its way, which are then
   * counted twice until the next snapshot (too much, never too little).
   */
  private snapshot(b: TeamBudget, spentUsd: number, flushedUsd: number): void {
    b.ledgerSpentUsd = spentUsd;
    b.flushedAtSnapshotUsd = flushedUsd;
  }

  private async refresh(): Promise<void> {
    const ledger = this.ledger();
    if (!ledger) return;
    await Promise.all(
      [...this.teams].map(async ([team, budget]) => {
        const flushedBefore = budget.flushedUsd;
        const answer = await ledger.get(`/budgets/${encodeURIComponent(team)}`);
        if (answer.kind === 'answered' && answer.status === 200 && isBudget(answer.json)) this.snapshot(budget, answer.json.spentUsd, flushedBefore);
      }),
    );
  }
}

function isBudget(json: unknown): json is { spentUsd: number } {
  return typeof json === 'object' && json !== null && typeof (json as { spentUsd?: unknown }).spentUsd === 'number';
}
