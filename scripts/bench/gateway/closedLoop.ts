import type { Dispatcher } from 'undici';
import { emptyTally, sendOnce, type BenchRequest, type Tally } from './request.js';

export interface ClosedLoopResult extends Tally {
  readonly connections: number;
  /** From the first send to the last answer. */
  readonly seconds: number;
  /** Answers (200 or not) per second. */
  readonly rps: number;
  /** Time of each request, send to last byte, in milliseconds. */
  readonly latenciesMs: number[];
}

/**
 * Closed-loop load: `connections` workers, each sending `request` back to back (the next as
 * soon as the last answer has been read) until `durationMs` has passed. Measures the most a
 * server answers; its latencies are not those of any fixed rate (a slow answer delays the
 * next send, which is coordinated omission by design here). `dispatcher` should hold at
 * least `connections` connections, or the workers queue inside it.
 */
export async function closedLoop(dispatcher: Dispatcher, request: BenchRequest, o: { connections: number; durationMs: number }): Promise<ClosedLoopResult> {
  const tally = emptyTally();
  const latenciesMs: number[] = [];
  const started = performance.now();
  const until = started + o.durationMs;
  const worker = async () => {
    while (performance.now() < until) {
      const sent = performance.now();
      await sendOnce(dispatcher, request, tally);
      latenciesMs.push(performance.now() - sent);
    }
  };
  await Promise.all(Array.from({ length: o.connections }, worker));
  const seconds = (performance.now() - started) / 1000;
  return { ...tally, connections: o.connections, seconds, rps: (tally.ok + tally.errors) / seconds, latenciesMs };
}
