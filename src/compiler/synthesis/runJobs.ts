import { availableParallelism } from 'node:os';
import { runAlertTestJob, type AlertTestJob, type AlertTestOutcome } from '../../toolkit/tests/job.js';
import { CACHE_FORMAT, type CacheStore } from '../cache/store.js';
import { digest, stableJson } from '../cache/stableJson.js';
import { toolchainFingerprint } from '../cache/toolchain.js';
import { runInWorkers } from './pool.js';

/** Cache entries of synthesis outcomes, one per job. */
const KIND = 'synthesis';

/**
 * Below this many jobs to run, starting worker threads (each loads the evaluator, a few
 * hundred milliseconds) costs more than it saves.
 */
const MIN_JOBS_FOR_WORKERS = 8;

/** Threads to synthesize on: `LOOKOUT_WORKERS` (0 runs everything on the main thread), else one per core. */
function threadCount(): number {
  const fromEnv = process.env.LOOKOUT_WORKERS;
  if (fromEnv !== undefined && /^\d+$/.test(fromEnv)) return Number(fromEnv);
  return availableParallelism();
}

/** The key of a job's outcome: the job itself, under this lookout and these packages. */
export function jobKey(job: AlertTestJob): string {
  return digest(CACHE_FORMAT, toolchainFingerprint(), stableJson(job));
}

/**
 * Every job's outcome, in the jobs' order: from the cache when a job ran before exactly as it
 * is now, else computed (on worker threads when there are enough, which `signal` stops) and
 * stored.
 */
export async function runAlertTestJobs(jobs: readonly AlertTestJob[], store: CacheStore | undefined, signal?: AbortSignal): Promise<{ outcomes: AlertTestOutcome[]; cached: number }> {
  const keys = store ? jobs.map(jobKey) : [];
  const outcomes: Array<AlertTestOutcome | undefined> = store ? keys.map((k) => store.read<AlertTestOutcome>(KIND, k)) : jobs.map(() => undefined);
  const missing = jobs.map((_, i) => i).filter((i) => outcomes[i] === undefined);
  const threads = Math.min(threadCount(), missing.length);
  const computed =
    threads > 1 && missing.length >= MIN_JOBS_FOR_WORKERS
      ? await runInWorkers(
          missing.map((i) => jobs[i]!),
          threads,
          signal,
        )
      : missing.map((i) => runAlertTestJob(jobs[i]!));
  missing.forEach((i, n) => {
    outcomes[i] = computed[n]!;
    store?.write(KIND, keys[i]!, computed[n]);
  });
  return { outcomes: outcomes as AlertTestOutcome[], cached: jobs.length - missing.length };
}
