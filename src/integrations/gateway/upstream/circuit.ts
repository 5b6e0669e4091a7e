import type { GatewayInstruments } from '../metrics.js';
import { realTimers, type Timers } from '../timers.js';

export type CircuitStateName = 'closed' | 'half_open' | 'open';

export interface CircuitSettings {
  readonly failureThreshold: number;
  readonly openMs: number;
  readonly halfOpenProbes: number;
}

/**
 * The circuit breaker of one provider credential. Closed: requests flow and consecutive
 * failures are counted. Open: nothing is sent until `openMs` has passed. Half-open: up to
 * `halfOpenProbes` requests at once test the credential; a success closes the circuit, a
 * failure opens it again. The state gauge moves on every transition, including the timed one,
 * so a circuit with no traffic does not read "open" for ever.
 */
export class Circuit {
  private state: CircuitStateName = 'closed';
  private failures = 0;
  private probes = 0;
  private timer: unknown;

  constructor(
    readonly provider: string,
    readonly credential: string,
    private readonly settings: CircuitSettings,
    private readonly metrics: GatewayInstruments,
    private readonly timers: Timers = realTimers,
  ) {
    this.publish();
  }

  get current(): CircuitStateName {
    return this.state;
  }

  /** Claims a slot for one attempt: `pass` while closed, `probe` while half-open, else `refused`. */
  tryAcquire(): 'pass' | 'probe' | 'refused' {
    if (this.state === 'closed') return 'pass';
    if (this.state === 'open' || this.probes >= this.settings.halfOpenProbes) return 'refused';
    this.probes++;
    return 'probe';
  }

  /** Reports an attempt's result; rate-limited answers are neither success nor failure here. */
  record(result: 'success' | 'failure' | 'neutral', slot: 'pass' | 'probe'): void {
    if (slot === 'probe' && this.state === 'half_open' && this.probes > 0) this.probes--;
    if (result === 'neutral') return;
    // Answers to attempts sent before the circuit last moved are stale: only probes decide half-open.
    if (result === 'success') {
      if (this.state === 'closed') this.failures = 0;
      else if (slot === 'probe' && this.state === 'half_open') this.moveTo('closed');
      return;
    }
    if (this.state === 'half_open') {
      if (slot === 'probe') this.open();
      return;
    }
    if (this.state === 'closed' && ++this.failures >= this.settings.failureThreshold) this.open();
  }

  /** Stops the timer: the circuit belongs to a replaced config or a stopped gateway. */
  dispose(): void {
    this.timers.clearTimeout(this.timer);
  }

  private open(): void {
    this.failures = 0;
    this.moveTo('open');
    this.timers.clearTimeout(this.timer);
    this.timer = this.timers.setTimeout(() => this.moveTo('half_open'), this.settings.openMs);
  }

  private moveTo(state: CircuitStateName): void {
    this.state = state;
    this.probes = 0;
    this.publish();
  }

  private publish(): void {
    this.metrics.circuitState.setState({ provider: this.provider, credential: this.credential }, this.state);
  }
}
