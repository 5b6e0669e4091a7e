import type { GatewayInstruments } from '../metrics.js';
import { BatchLoop, type BatchOutcome } from './batchLoop.js';
import type { LedgerClient } from './ledgerClient.js';
import { Ring } from './ring.js';

/** One answered request, as the ledger records it: who, what, how it ended. Never prompt text. */
export interface AuditEvent {
  readonly id: string;
  readonly type: 'audit';
  readonly at: string;
  readonly requestId: string;
  readonly team: string;
  readonly key: string;
  readonly model: string;
  readonly provider: string;
  readonly status: number;
  readonly stream: boolean;
  readonly durationMs: number;
  readonly inputTokens?: number | undefined;
  readonly outputTokens?: number | undefined;
  readonly usd?: number | undefined;
  readonly policyVerdicts?: Readonly<Record<string, string>> | undefined;
}

interface Queued {
  readonly event: AuditEvent;
  /** performance.now() at emission: delivery duration counts from here, retries included. */
  readonly emitted: number;
}

export interface AuditSettings {
  readonly eventQueueCapacity: number;
  readonly batchSize: number;
  readonly flushIntervalMs: number;
  readonly eventAttempts: number;
}

/**
 * Audit events, delivered to the ledger in batches off the request path. A batch the ledger
 * does not take is retried with backoff up to `eventAttempts` times, then its events count as
 * failed; a 4xx fails them at once; a full queue drops new events.
 */
export class AuditQueue {
  private readonly ring: Ring<Queued>;
  private readonly loop: BatchLoop;
  private ledger: LedgerClient | undefined;
  private attempts = 0;

  constructor(
    private readonly settings: AuditSettings,
    private readonly metrics: GatewayInstruments,
  ) {
    this.ring = new Ring(settings.eventQueueCapacity);
    this.loop = new BatchLoop(() => this.deliver(), settings.flushIntervalMs, () => this.ring.size > 0);
  }

  useLedger(ledger: LedgerClient | undefined): void {
    this.ledger = ledger;
  }

  start(): void {
    this.loop.start();
  }

  get pending(): number {
    return this.ring.size;
  }

  emit(event: AuditEvent): void {
    this.metrics.eventsEmitted.inc({ type: 'audit' });
    if (!this.ring.push({ event, emitted: performance.now() })) this.metrics.eventsDelivered.inc({ type: 'audit', outcome: 'dropped' });
  }

  drain(ms: number): Promise<void> {
    return this.loop.drain(ms);
  }

  stop(): void {
    this.loop.stop();
  }

  private async deliver(): Promise<BatchOutcome> {
    const batch = this.ring.peek(this.settings.batchSize);
    if (batch.length === 0 || !this.ledger) return 'idle';
    const answer = await this.ledger.post('/events', { events: batch.map((q) => q.event) });
    const now = performance.now();
    if (answer.kind === 'answered' && answer.status < 300) {
      for (const q of batch) this.metrics.eventDeliveryDuration.observe({ type: 'audit' }, (now - q.emitted) / 1000);
      this.metrics.eventsDelivered.inc({ type: 'audit', outcome: 'success' }, batch.length);
      return this.done(batch.length, 'sent');
    }
    const permanent = answer.kind === 'answered' && answer.status >= 400 && answer.status < 500 && answer.status !== 408 && answer.status !== 429;
    if (permanent || ++this.attempts >= this.settings.eventAttempts) {
      this.metrics.eventsDelivered.inc({ type: 'audit', outcome: 'failure' }, batch.length);
      return this.done(batch.length, 'failed');
    }
    return 'failed';
  }

  private done(n: number, outcome: BatchOutcome): BatchOutcome {
    this.ring.drop(n);
    this.attempts = 0;
    return outcome;
  }
}
