import type { GatewayInstruments } from '../metrics.js';
import { BatchLoop, type BatchOutcome } from './batchLoop.js';
import type { LedgerClient } from './ledgerClient.js';
import { ledgerVerdict } from './retryPolicy.js';
import { Ring } from './ring.js';
// Events are written in the ledger's own record shape: who, what, how it ended, never prompt text.
import type { AuditEvent } from '../ledger/records.js';

interface Queued {
  readonly event: AuditEvent;
  /** performance.now() at emission: delivery duration counts from here, retries included. */
  readonly emitted: number;
}

export interface AuditSettings {
  readonly eventQueueCapacity: number;
  readonly batchSize: number;
  readonly flushIntervalMs: number;
  /** Attempts per batch before its events count as failed; undefined: until delivered. */
  readonly eventAttempts?: number | undefined;
}

/**
 * Audit events, delivered to the ledger in batches off the request path. A batch the ledger
 * does not take is retried with backoff until it does (or, with `eventAttempts` set, that many
 * times, then its events count as failed); a 4xx fails them at once; a full queue drops new
 * events. So a ledger outage loses no event as long as the queue holds them.
 */
export class AuditQueue {
  private readonly ring: Ring<Queued>;
  private readonly loop: BatchLoop;
  private attempts = 0;

  constructor(
    private readonly settings: AuditSettings,
    private readonly metrics: GatewayInstruments,
    /** Where batches go, asked at each delivery: a config reload may change it. */
    private readonly ledger: () => LedgerClient | undefined,
    /** Called with how many events left the head of the queue, delivered or failed. */
    private readonly onRemoved: (n: number) => void = () => {},
  ) {
    this.ring = new Ring(settings.eventQueueCapacity);
    this.loop = new BatchLoop(() => this.deliver(), settings.flushIntervalMs, () => this.ring.size > 0);
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

  /** Puts back events an earlier run handed over, at the tail; returns those the queue has no room for. */
  restore(events: readonly AuditEvent[]): AuditEvent[] {
    const emitted = performance.now();
    const restored = this.ring.pushSome(events.map((event) => ({ event, emitted })));
    this.metrics.eventsEmitted.inc({ type: 'audit' }, restored);
    return events.slice(restored);
  }

  /** Delivers what it can within `ms`, for a graceful shutdown; with `untilFailure`, stops at the first failed delivery. */
  drain(ms: number, untilFailure = false): Promise<void> {
    return this.loop.drain(ms, untilFailure);
  }

  /** Empties the queue, for a shutdown to hand what the ledger did not take to the spool. */
  takeAll(): AuditEvent[] {
    this.attempts = 0;
    return this.ring.takeAll().map((q) => q.event);
  }

  stop(): void {
    this.loop.stop();
  }

  private async deliver(): Promise<BatchOutcome> {
    const batch = this.ring.peek(this.settings.batchSize);
    const ledger = this.ledger();
    if (batch.length === 0 || !ledger) return 'idle';
    const answer = await ledger.post('/events', { events: batch.map((q) => q.event) });
    const now = performance.now();
    const verdict = ledgerVerdict(answer);
    if (verdict === 'accepted') {
      for (const q of batch) this.metrics.eventDeliveryDuration.observe({ type: 'audit' }, (now - q.emitted) / 1000);
      this.metrics.eventsDelivered.inc({ type: 'audit', outcome: 'success' }, batch.length);
      return this.done(batch.length, 'sent');
    }
    const givenUp = this.settings.eventAttempts !== undefined && ++this.attempts >= this.settings.eventAttempts;
    if (verdict === 'refused' || givenUp) {
      this.metrics.eventsDelivered.inc({ type: 'audit', outcome: 'failure' }, batch.length);
      return this.done(batch.length, 'failed');
    }
    return 'failed';
  }

  private done(n: number, outcome: BatchOutcome): BatchOutcome {
    this.ring.drop(n);
    this.attempts = 0;
    this.onRemoved(n);
    return outcome;
  }
}
