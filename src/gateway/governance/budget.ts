import type { GatewayConfig } from '../config/schema.js';
import type { GatewayInstruments } from '../metrics.js';
import type { LedgerClient } from './ledgerClient.js';

interface TeamBudget {
  readonly limitUsd: number;
  /** Spend the ledger reported at the last snapshot. */
  ledgerSpentUsd: number;
  /** Everything this replica has spent for the team, and how much of it the ledger had seen at the snapshot. */
  localUsd: number;
  flushedUsd: number;
  flushedAtSnapshotUsd: number;
}

export type BudgetVerdict = 'allow' | 'block';

/**
 * Team budgets. The hot path reads a cached estimate: the ledger's last snapshot plus what
 * this replica has spent that the ledger had not yet seen. Only a team near its limit costs a
 * live check against the ledger, and a failing check falls back to the estimate (fail open:
 * an unreachable ledger must not stop traffic that the cache says is within budget).
 */
export class BudgetBook {
  private readonly teams = new Map<string, TeamBudget>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    teams: GatewayConfig['teams'],
    private readonly settings: GatewayConfig['ledger'],
    private readonly metrics: GatewayInstruments,
    /** Where snapshots and live checks come from; without one, only local spend counts. */
    private readonly ledger: LedgerClient | undefined,
  ) {
    for (const t of teams) {
      if (t.budgetUsd !== undefined) this.teams.set(t.name, { limitUsd: t.budgetUsd, ledgerSpentUsd: 0, localUsd: 0, flushedUsd: 0, flushedAtSnapshotUsd: 0 });
    }
  }

  /** Refreshes every budgeted team's snapshot now and then every `budgetRefreshMs`. */
  async start(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => void this.refresh(), this.settings.budgetRefreshMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Whether `team` may spend more. */
  async check(team: string): Promise<BudgetVerdict> {
    const budget = this.teams.get(team);
    if (!budget) return 'allow';
    const estimate = this.estimate(budget);
    if (estimate < budget.limitUsd * this.settings.nearLimitRatio || !this.ledger) return this.verdict(team, estimate < budget.limitUsd);
    const answer = await this.ledger.get(`/budgets/${encodeURIComponent(team)}`, Math.min(this.settings.timeoutMs, 500));
    if (answer.kind !== 'answered' || answer.status !== 200 || !isBudget(answer.json)) {
      this.metrics.budgetLiveChecks.inc({ outcome: answer.kind === 'timeout' ? 'timeout' : 'transport_error' });
      return this.verdict(team, estimate < budget.limitUsd);
    }
    this.snapshot(budget, answer.json.spentUsd);
    const now = this.estimate(budget);
    const outcome = now >= budget.limitUsd ? 'over_limit' : now >= budget.limitUsd * this.settings.nearLimitRatio ? 'near_limit' : 'ok';
    this.metrics.budgetLiveChecks.inc({ outcome });
    return this.verdict(team, outcome !== 'over_limit');
  }

  /** Adds a completed request's cost to its team. */
  spend(team: string, usd: number): void {
    const budget = this.teams.get(team);
    if (budget) budget.localUsd += usd;
  }

  /** Notes debits the ledger has accepted, so the estimate does not count them twice after the next snapshot. */
  flushed(team: string, usd: number): void {
    const budget = this.teams.get(team);
    if (budget) budget.flushedUsd += usd;
  }

  private estimate(b: TeamBudget): number {
    return b.ledgerSpentUsd + (b.localUsd - b.flushedAtSnapshotUsd);
  }

  private snapshot(b: TeamBudget, spentUsd: number): void {
    b.ledgerSpentUsd = spentUsd;
    b.flushedAtSnapshotUsd = b.flushedUsd;
  }

  private verdict(team: string, allowed: boolean): BudgetVerdict {
    if (allowed) return 'allow';
    this.metrics.budgetBlocks.inc({ team });
    return 'block';
  }

  private async refresh(): Promise<void> {
    if (!this.ledger) return;
    await Promise.all(
      [...this.teams].map(async ([team, budget]) => {
        const answer = await this.ledger!.get(`/budgets/${encodeURIComponent(team)}`);
        if (answer.kind === 'answered' && answer.status === 200 && isBudget(answer.json)) this.snapshot(budget, answer.json.spentUsd);
      }),
    );
  }
}

function isBudget(json: unknown): json is { spentUsd: number } {
  return typeof json === 'object' && json !== null && typeof (json as { spentUsd?: unknown }).spentUsd === 'number';
}
