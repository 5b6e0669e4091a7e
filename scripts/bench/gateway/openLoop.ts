import type { Dispatcher } from 'undici';
import { emptyTally, sendOnce, type BenchRequest, type Tally } from './request.js';

export interface OpenLoopResult extends Tally {
  readonly rate: number;
  readonly sent: number;
  /** From the first scheduled send to the last answer. */
  readonly seconds: number;
  /** From each request's scheduled send time to its last byte: a server that stalls is charged for every request scheduled behind the stall. */
  readonly latenciesMs: number[];
  /** How late each send left after its scheduled time: the generator's own health (timer granularity, a busy core). */
  readonly sendLagMs: number[];
  /** Scheduled send times relative to the first, in milliseconds: exactly `1000 / rate` apart. */
  readonly scheduledMs: number[];
}

/**
 * Open-loop load: `rate × durationMs / 1000` sends, evenly spaced at `1000 / rate` ms whatever
 * the answers do. A timer wakes for the next scheduled send; when it wakes late, every send
 * whose time has passed leaves at once, and its latency still counts from its scheduled time,
 * so a stall cannot hide the requests it delayed (no coordinated omission). Connections are
 * opened as needed by `dispatcher`, so a slow answer never holds a later send back.
 */
export async function openLoop(dispatcher: Dispatcher, request: BenchRequest, o: { rate: number; durationMs: number }): Promise<OpenLoopResult> {
  const tally = emptyTally();
  const total = Math.round((o.rate * o.durationMs) / 1000);
  const interval = 1000 / o.rate;
  const latenciesMs = new Array<number>(total);
  const sendLagMs = new Array<number>(total);
  const scheduledMs = new Array<number>(total);
  const inFlight: Promise<void>[] = [];
  const t0 = performance.now() + 1;
  let next = 0;

  const send = (i: number, at: number) => {
    sendLagMs[i] = performance.now() - at;
    scheduledMs[i] = at - t0;
    inFlight.push(sendOnce(dispatcher, request, tally).then(() => void (latenciesMs[i] = performance.now() - at)));
  };
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      for (; next < total && t0 + next * interval <= now; next++) send(next, t0 + next * interval);
      if (next >= total) return resolve();
      // Sleeping, not spinning: on a 2-core machine a spinning generator would take a core from the server.
      setTimeout(tick, Math.max(0, t0 + next * interval - performance.now()));
    };
    setTimeout(tick, 1);
  });
  await Promise.all(inFlight);
  const seconds = (performance.now() - t0) / 1000;
  return { ...tally, rate: o.rate, sent: total, seconds, latenciesMs, sendLagMs, scheduledMs };
}
