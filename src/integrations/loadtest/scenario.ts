import type { FaultsPatch } from '../gateway/mock/faults.js';
import type { LedgerFaults } from '../gateway/ledger/faults.js';
import type { DEMO_KEYS } from '../gateway/config/default.js';
import type { ConfigInput } from '../gateway/config/schema.js';

/** The mock providers of the default gateway config, by the names its config gives them. */
export type ProviderName = 'provider-a' | 'provider-b';
/** A team of the default config, whose demo key the driver sends with. */
export type TeamName = keyof typeof DEMO_KEYS;
/** A model of the default config. */
export type ModelName = 'gpt-4o' | 'gpt-4o-mini' | 'claude-sonnet';

/**
 * The requests a scenario sends: a fixed rate, evenly spaced, over both replicas. The mix is
 * deterministic (request n gets the nth slot of each weighted cycle) so two runs of one
 * scenario send the same requests in the same order.
 */
export interface Traffic {
  readonly ratePerSecond: number;
  /** Share of requests sent with `stream: true`, 0 to 1. */
  readonly streamingShare: number;
  /** Relative weights of the teams whose keys are used. */
  readonly teams: Readonly<Partial<Record<TeamName, number>>>;
  /** Relative weights of the models asked for. */
  readonly models: Readonly<Partial<Record<ModelName, number>>>;
  /**
   * Share of requests, 0 to 1 (default 0), whose prompt carries a string shaped like an API
   * secret, which the default config's `secret-key` guardrail blocks with a 400.
   */
  readonly blockedShare?: number;
  /**
   * Share of streamed requests, 0 to 1 (default 0), whose client hangs up once it has read
   * `abandonAfterChunks` content chunks (default 1): counted as `abandoned`, and billed by
   * the gateway for what it delivered.
   */
  readonly abandonedShare?: number;
  readonly abandonAfterChunks?: number;
}

/** One change to the stack while traffic runs. */
export type Action =
  | { readonly kind: 'provider-faults'; readonly provider: ProviderName; readonly faults: FaultsPatch }
  | { readonly kind: 'ledger-faults'; readonly faults: Partial<LedgerFaults> }
  /** SIGKILL to one gateway replica (0 or 1): no drain, its scrapes start failing. */
  | { readonly kind: 'kill-replica'; readonly replica: 0 | 1 }
  /** A new traffic mix or rate from now on; what is left out stays as it was. */
  | { readonly kind: 'traffic'; readonly change: Partial<Traffic> };

/** Actions taken together `atMs` (real time) after traffic starts, under one label the report shows. */
export interface PhaseSpec {
  readonly atMs: number;
  readonly label: string;
  readonly actions: readonly Action[];
}

/** Matches any alert name in a `quiet` demand: "no notification at all". */
export const ANY_ALERT = '*';

/**
 * What a scenario demands of the alerting, before the run decides whether it was met.
 * `fires`: the alert (labels a subset of its own) reaches `receiver` within `withinMs` of the
 * phase labelled `after` ('start' is the start of traffic). `quiet`: it reaches no receiver
 * during the run; `alertname: ANY_ALERT` means no notification of any kind.
 */
export type ExpectationSpec =
  | { readonly kind: 'fires'; readonly alertname: string; readonly labels?: Readonly<Record<string, string>>; readonly receiver: string; readonly after: string; readonly withinMs: number }
  | { readonly kind: 'quiet'; readonly alertname: string; readonly labels?: Readonly<Record<string, string>> };

/**
 * One load and fault scenario: the traffic, the faults injected as it runs, and what the
 * shipped rules and routing must do about them, on a clock `timeScale` times faster.
 */
export interface Scenario {
  readonly name: string;
  readonly description: string;
  /** Shipped time per real time: 60 runs a 5m `for` in 5 s. */
  readonly timeScale: number;
  /** Real scrape (and floor of every range: four of these) in ms. */
  readonly scrapeIntervalMs: number;
  /**
   * Real time from the start of traffic to the end of the run. Traffic runs throughout: the
   * run is judged, and recorded, up to this point, before anything is stopped, so that what
   * stopping does (idle circuits going half-open, rates falling to zero) is never judged.
   */
  readonly durationMs: number;
  readonly traffic: Traffic;
  readonly phases: readonly PhaseSpec[];
  readonly expectations: readonly ExpectationSpec[];
  /**
   * After the run, with traffic stopped and the replicas drained, every answered request must
   * be in the ledger: one audit event each (abandoned streams included), one debit for each
   * 200 and each abandoned stream, the same spend in USD as the gateway counted. For scenarios
   * that take the ledger away and bring it back, or bill what clients walk away from.
   */
  readonly reconcileLedger?: boolean;
  /**
   * Ledger settings of the replicas' config that differ from the default config's, for a
   * scenario whose alert thresholds are sized against them (an outbox's capacity).
   */
  readonly gatewayLedger?: Partial<NonNullable<ConfigInput['ledger']>>;
}
