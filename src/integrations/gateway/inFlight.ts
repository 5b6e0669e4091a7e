/**
 * Requests being handled, counted from their arrival until their handler has returned, which
 * is after their accounting (debit, audit event) is queued: not when their response closes.
 * A drain that ends connections waits on `settled` before it hands the ledger queues over,
 * so the debit of a request cut at the deadline is in the queue, not written after it.
 */
export class InFlight {
  private n = 0;
  private waiters: (() => void)[] = [];

  get count(): number {
    return this.n;
  }

  start(): void {
    this.n++;
  }

  end(): void {
    this.n--;
    if (this.n === 0) for (const wake of this.waiters.splice(0)) wake();
  }

  /** Resolves true once no request is being handled, or false after `ms`. */
  settled(ms: number): Promise<boolean> {
    if (this.n === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== wake);
        resolve(false);
      }, ms);
      this.waiters.push(wake);
    });
  }
}
