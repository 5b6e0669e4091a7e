import type { Worker } from 'node:worker_threads';
import type { AlertTestJob, AlertTestOutcome } from '../../synthesis/job.js';
import { startWorker } from '../threads.js';
import { SynthesisTimeout } from '../isolate/synthesisTimeout.js';
import { timeLimitMs } from '../isolate/timeLimit.js';

type Reply = { index: number; outcome: AlertTestOutcome } | { index: number; error: string };

/**
 * Runs jobs on `threads` worker threads, each taking the next job as soon as it is free (jobs
 * differ in cost by a hundred times: an SLO's 3-day tier against a gauge threshold). Each
 * outcome goes through `finish` on this thread as it arrives, once the worker has its next
 * job: work done here while the workers run, not after. The results come back in the jobs'
 * order, so the output does not depend on which thread ran what. Aborting `signal` stops the
 * threads and rejects with its reason; a job that runs past the time limit stops them and
 * rejects with a SynthesisTimeout naming its alert.
 */
export function runInWorkers<R>(jobs: readonly AlertTestJob[], threads: number, finish: (outcome: AlertTestOutcome) => R, signal?: AbortSignal): Promise<R[]> {
  const outcomes: R[] = new Array<R>(jobs.length);
  const workers: Worker[] = [];
  const limitMs = timeLimitMs();
  return new Promise<R[]>((resolve, reject) => {
    // Each thread's jobs in hand, in order: the first is running, its clock started when it did.
    const inHand = new Map<Worker, { queue: number[]; timer?: NodeJS.Timeout }>();
    const clock = (w: Worker) => {
      const hand = inHand.get(w)!;
      clearTimeout(hand.timer);
      const running = hand.queue[0];
      if (running === undefined) return;
      const job = jobs[running]!;
      hand.timer = setTimeout(() => stop(new SynthesisTimeout(job.members[job.alert]!.rule.name, limitMs)), limitMs);
    };
    let next = 0;
    let done = 0;
    let failed = false;
    const stop = (error?: Error) => {
      failed = failed || error !== undefined;
      for (const w of workers) clearTimeout(inHand.get(w)?.timer);
      // Settled once the threads are gone, so the thread that ran them is left as it was.
      void Promise.allSettled(workers.map((w) => w.terminate())).then(() => (error ? reject(error) : resolve(outcomes)));
    };
    const feed = (w: Worker) => {
      if (next < jobs.length) {
        const index = next++;
        const hand = inHand.get(w)!;
        hand.queue.push(index);
        if (hand.queue.length === 1) clock(w);
        w.postMessage({ index, job: jobs[index] });
      }
    };
    for (let i = 0; i < Math.min(threads, jobs.length); i++) {
      const w = startWorker(import.meta.url, 'worker');
      workers.push(w);
      inHand.set(w, { queue: [] });
      w.on('message', (reply: Reply) => {
        if (failed) return;
        inHand.get(w)!.queue.shift();
        clock(w);
        if ('error' in reply) return stop(new Error(`test synthesis failed in a worker thread: ${reply.error}`));
        feed(w);
        try {
          outcomes[reply.index] = finish(reply.outcome);
        } catch (e) {
          return stop(e instanceof Error ? e : new Error(String(e)));
        }
        if (++done === jobs.length) return stop();
      });
      w.on('error', (e) => {
        if (!failed) stop(e);
      });
      w.on('exit', (code) => {
        if (!failed && done < jobs.length && code !== 0) stop(new Error(`a test synthesis worker thread exited with code ${code}`));
      });
      // Two jobs in hand, so a thread still has work while the main thread is busy between
      // two of its turns at the event loop.
      feed(w);
      feed(w);
    }
    if (jobs.length === 0) resolve(outcomes);
    signal?.addEventListener('abort', () => {
      if (!failed && done < jobs.length) stop(signal.reason instanceof Error ? signal.reason : new Error('test synthesis was stopped'));
    });
  });
}
