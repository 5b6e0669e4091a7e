/** What one send of a batch achieved: the loop backs off after a failure and resumes after a success. */
export type BatchOutcome = 'idle' | 'sent' | 'failed';

/**
 * Runs `send` every `intervalMs`, and again at once while it keeps sending full batches;
 * after a failure it waits twice as long each time, up to `maxBackoffMs`. Never overlaps two
 * sends. `drain` sends until nothing is left or the time is up, for shutdown.
 */
export class BatchLoop {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private failures = 0;
  private stopped = false;

  constructor(
    private readonly send: () => Promise<BatchOutcome>,
    private readonly intervalMs: number,
    private readonly hasMore: () => boolean,
    private readonly maxBackoffMs = 30_000,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(this.intervalMs);
  }

  /**
   * Sends until empty, or until `deadlineMs` has passed; the regular schedule stops. With
   * `untilFailure`, the first failed send ends it too: what is left has somewhere else to go.
   */
  async drain(deadlineMs: number, untilFailure = false): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    const until = Date.now() + deadlineMs;
    await this.running;
    while (this.hasMore() && Date.now() < until) {
      if ((await this.send()) !== 'failed') continue;
      if (untilFailure) return;
      await new Promise((r) => setTimeout(r, Math.min(200, Math.max(0, until - Date.now()))));
    }
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), ms);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    this.running = this.send().then((outcome) => {
      if (outcome === 'failed') this.failures++;
      else this.failures = 0;
      const delay = outcome === 'failed' ? Math.min(this.maxBackoffMs, this.intervalMs * 2 ** this.failures) : outcome === 'sent' && this.hasMore() ? 0 : this.intervalMs;
      this.running = undefined;
      this.schedule(delay);
    });
    await this.running;
  }
}
