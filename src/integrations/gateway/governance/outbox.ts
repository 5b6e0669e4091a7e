import type { GatewayInstruments } from '../metrics.js';
import { BatchLoop, type BatchOutcome } from './batchLoop.js';
import type { LedgerClient } from './ledgerClient.js';
import { ledgerVerdict } from './retryPolicy.js';
import { Ring } from './ring.js';
// Debits are written in the ledger's own record shape: its schema is the contract.
import type { Debit } from '../ledger/records.js';

export interface OutboxSettings {
  readonly outboxCapacity: number;
  readonly batchSize: number;
  readonly flushIntervalMs: number;
}

/**
 * Budget debits on their way to the ledger, off the request path. A bounded ring: a full ring
 * drops the new debit (counted as overflow). A flush the ledger did not take is retried or
 * dropped by the rule the audit queue follows too (retryPolicy.ts): dropped only when the
 * ledger refused it (counted as rejected_4xx). Every dropped debit is spend never charged.
 */
export class Outbox {
  private readonly ring: Ring<Debit>;
  private readonly loop: BatchLoop;

  constructor(
    private readonly settings: OutboxSettings,
    private readonly metrics: GatewayInstruments,
    /** Where flushes go, asked at each flush: a config reload may change it, the queued debits stay. */
    private readonly ledger: () => LedgerClient | undefined,
    /** Called with each batch the ledger accepted. */
    private readonly onAccepted: (debits: readonly Debit[]) => void = () => {},
    /** Called with how many debits left the head of the queue, taken or refused by the ledger. */
    private readonly onRemoved: (n: number) => void = () => {},
  ) {
    this.ring = new Ring(settings.outboxCapacity);
    this.loop = new BatchLoop(() => this.flush(), settings.flushIntervalMs, () => this.ring.size > 0);
    metrics.outboxCapacity.set(settings.outboxCapacity);
    metrics.outboxDepth.set(0);
  }

  start(): void {
    this.loop.start();
  }

  get depth(): number {
    return this.ring.size;
  }

  enqueue(debit: Debit): void {
    if (!this.ring.push(debit)) {
      this.metrics.outboxDropped.inc({ reason: 'overflow' });
      return;
    }
    this.metrics.outboxEnqueued.inc();
    this.metrics.outboxDepth.set(this.ring.size);
  }

  /**
   * Puts back debits an earlier run handed over, at the tail; returns those the queue has no
   * room for.
   */
  restore(debits: readonly Debit[]): Debit[] {
    const restored = this.ring.pushSome(debits);
    this.metrics.outboxEnqueued.inc(restored);
    this.metrics.outboxDepth.set(this.ring.size);
    return debits.slice(restored);
  }

  /** Flushes what it can within `ms`, for a graceful shutdown; with `untilFailure`, stops at the first failed flush. */
  drain(ms: number, untilFailure = false): Promise<void> {
    return this.loop.drain(ms, untilFailure);
  }

  /** Empties the queue, for a shutdown to hand what the ledger did not take to the spool. */
  takeAll(): Debit[] {
    const all = this.ring.takeAll();
    this.metrics.outboxDepth.set(0);
    return all;
  }

  stop(): void {
    this.loop.stop();
  }

  private async flush(): Promise<BatchOutcome> {
    const batch = this.ring.peek(this.settings.batchSize);
    const ledger = this.ledger();
    if (batch.length === 0 || !ledger) return 'idle';
    const answer = await ledger.post('/debits', { debits: batch });
    const verdict = ledgerVerdict(answer);
    if (verdict === 'retry') {
      this.metrics.outboxFlushFailures.inc({ reason: answer.kind === 'answered' ? 'server_error' : answer.kind });
      return 'failed';
    }
    this.ring.drop(batch.length);
    this.metrics.outboxDepth.set(this.ring.size);
    if (verdict === 'refused') {
      this.metrics.outboxDropped.inc({ reason: 'rejected_4xx' }, batch.length);
    } else {
      this.metrics.outboxFlushed.inc(batch.length);
      this.onAccepted(batch);
    }
    this.onRemoved(batch.length);
    return 'sent';
  }
}
