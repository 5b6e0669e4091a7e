import type { Clock } from '../../src/integrations/loadtest/clock.js';

/** A clock that moves only when the test says so: `advance` runs every timer that falls due, in order. */
export class ManualClock implements Clock {
  private at = 0;
  private nextId = 0;
  private readonly timers = new Map<number, { dueAt: number; callback: () => void }>();

  now(): number {
    return this.at;
  }

  setTimeout(callback: () => void, ms: number): number {
    const id = ++this.nextId;
    this.timers.set(id, { dueAt: this.at + Math.max(0, ms), callback });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  /** Moves the clock `ms` forward, stopping at each timer due on the way to run it. */
  advance(ms: number): void {
    const until = this.at + ms;
    for (;;) {
      let next: [number, { dueAt: number; callback: () => void }] | undefined;
      for (const entry of this.timers) if (entry[1].dueAt <= until && (!next || entry[1].dueAt < next[1].dueAt)) next = entry;
      if (!next) break;
      this.timers.delete(next[0]);
      this.at = next[1].dueAt;
      next[1].callback();
    }
    this.at = until;
  }
}
