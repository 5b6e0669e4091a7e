/**
 * What one scenario run records, as the runner hands it to the report: the inputs of the
 * JSON and Markdown summaries and of the plot. Times are Unix milliseconds of the real
 * clock; `timeScale` says how many shipped seconds one real second stands for.
 */
export interface ScenarioRun {
  readonly scenario: string;
  readonly description: string;
  readonly startedAt: number;
  readonly endedAt: number;
  /** Shipped time per real time (60 means a 1h window ran in 1 min). */
  readonly timeScale: number;
  /** When each fault was injected or cleared, for the plot's marks. */
  readonly phases: readonly Phase[];
  /** Sampled every few seconds from Prometheus while the scenario ran. */
  readonly samples: readonly Sample[];
  /** ALERTS series seen, as intervals per alert (labels identify one alert instance). */
  readonly alertStates: readonly AlertInterval[];
  /** Every notification the local webhook received, in order. */
  readonly notifications: readonly Delivered[];
  /** What the scenario demanded, and whether the run met it. */
  readonly expectations: readonly Expectation[];
  /** Requests the traffic driver sent and how they ended (e.g. { "200": 900, "503": 12, "error": 1 }). */
  readonly requests: Readonly<Record<string, number>>;
  /** For scenarios that ask for it: whether the ledger holds every answered request once traffic stopped. */
  readonly ledger?: LedgerReconciliation | undefined;
}

/** What the ledger held once the outboxes drained, against what the clients were answered. */
export interface LedgerReconciliation {
  /** Every answered request has its audit event, each 200 and each abandoned stream its debit, and the spend agrees. */
  readonly met: boolean;
  readonly detail: string;
  /** Requests answered with any HTTP status. */
  readonly answered: number;
  readonly answeredOk: number;
  /** Streams the client hung up on after some content: each in `answered`, and each billed. */
  readonly abandoned?: number;
  readonly auditEvents: number;
  readonly debits: number;
  /** `sum(gateway_cost_usd_total)` over the replicas, from Prometheus. */
  readonly usdGateway: number;
  /** The ledger's accepted debits, summed. */
  readonly usdLedger: number;
  /** Records sent again and ignored by id: retries whose first answer was lost. */
  readonly duplicates: number;
  /** From the end of traffic until the ledger had everything (or the wait ran out). */
  readonly drainMs: number;
}

export interface Phase {
  readonly at: number;
  /** What changed: "provider-a down", "ledger back". */
  readonly label: string;
}

export interface Sample {
  readonly at: number;
  /** Requests per second answered by all replicas. */
  readonly rps: number;
  /** Share of requests answered 5xx, 0 to 1. */
  readonly errorRatio: number;
}

export interface AlertInterval {
  readonly alertname: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly state: 'pending' | 'firing';
  readonly from: number;
  /** Undefined while still in that state at the end of the run. */
  readonly to?: number | undefined;
}

export interface Delivered {
  readonly at: number;
  readonly receiver: string;
  readonly status: 'firing' | 'resolved';
  readonly alertname: string;
  readonly labels: Readonly<Record<string, string>>;
}

/**
 * One demand of a scenario: `fires` — alert `alertname` (with `labels` a subset of its own)
 * must reach `receiver` within `withinMs` of `after` (a phase label, or the start);
 * `quiet` — it must reach no receiver at all during the run.
 */
export type Expectation =
  | {
      readonly kind: 'fires';
      readonly alertname: string;
      readonly labels?: Readonly<Record<string, string>>;
      readonly receiver: string;
      readonly after: string;
      readonly withinMs: number;
      readonly met: boolean;
      /** Time from `after` to the first delivery, when there was one. */
      readonly timeToFireMs?: number | undefined;
      readonly detail: string;
    }
  | {
      readonly kind: 'quiet';
      readonly alertname: string;
      readonly labels?: Readonly<Record<string, string>>;
      readonly met: boolean;
      readonly detail: string;
    };
