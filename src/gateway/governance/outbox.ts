import type { GatewayInstruments } from '../metrics.js';
import { BatchLoop, type BatchOutcome } from './batchLoop.js';
import type { LedgerClient } from './ledgerClient.js';
import { Ring } from './ring.js';

/** One completed billable request, as the ledger takes it. Ids make retried batches harmless. */
export interface Debit {
  readonly id: string;
  readonly team: string;
  /** The virtual key's id, never the key. */
  readonly key: string;
  readonly provider: string;
  readonly model: string;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly usd: number;
  readonly at: string;
}

export interface OutboxSettings {
  readonly outboxCapacity: number;
  readonly batchSize: number;
  readonly flushIntervalMs: number;
}

/**
 * Budget debits on their way to the ledger, off the request path. A bounded ring: a full ring
 * drops the new debit (counted as overflow). Flushes that fail for transport, timeout or a 5xx
 * keep the debits and retry with backoff; a 4xx means the ledger will never take the batch, so
 * it is dropped (counted as rejected_4xx). Every dropped debit is spend never charged.
 */
export class Outbox {
  private readonly ring: Ring<Debit>;
  private readonly loop: BatchLoop;
  private ledger: LedgerClient | undefined;

  constructor(
    private readonly settings: OutboxSettings,
    private readonly metrics: GatewayInstruments,
    /** Called with each batch the ledger accepted. */
    private readonly onAccepted: (debits: readonly Debit[]) => void = () => {},
  ) {
    this.ring = new Ring(settings.outboxCapacity);
    this.loop = new BatchLoop(() => this.flush(), settings.flushIntervalMs, () => this.ring.size > 0);
    metrics.outboxCapacity.set(settings.outboxCapacity);
    metrics.outboxDepth.set(0);
  }

  /** Where flushes go; the ledger may change on a config reload, the queued debits stay. */
  useLedger(ledger: LedgerClient | undefined): void {
    this.ledger = ledger;
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

  /** Flushes what it can within `ms`, for a graceful shutdown. */
  drain(ms: number): Promise<void> {
    return this.loop.drain(ms);
  }

  stop(): void {
    this.loop.stop();
  }

  private async flush(): Promise<BatchOutcome> {
    const batch = this.ring.peek(this.settings.batchSize);
    if (batch.length === 0 || !this.ledger) return 'idle';
    const answer = await this.ledger.post('/debits', { debits: batch });
    if (answer.kind !== 'answered') {
      this.metrics.outboxFlushFailures.inc({ reason: answer.kind });
      return 'failed';
    }
    if (answer.status >= 500 || answer.status === 429 || answer.status === 408) {
      this.metrics.outboxFlushFailures.inc({ reason: 'server_error' });
      return 'failed';
    }
    this.ring.drop(batch.length);
    this.metrics.outboxDepth.set(this.ring.size);
    if (answer.status >= 400) {
      this.metrics.outboxDropped.inc({ reason: 'rejected_4xx' }, batch.length);
      return 'sent';
    }
    this.metrics.outboxFlushed.inc(batch.length);
    this.onAccepted(batch);
    return 'sent';
  }
}
