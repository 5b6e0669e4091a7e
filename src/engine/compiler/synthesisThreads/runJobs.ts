import { availableParallelism } from 'node:os';
import type { AlertTestJob } from '../../synthesis/job.js';
import { CACHE_FORMAT, SYNTHESIS_KIND, type CacheStore } from '../cache/store.js';
import { digest, stableJson } from '../cache/stableJson.js';
import { toolchainFingerprint } from '../cache/toolchain.js';
import { runInWorkers } from './pool.js';
import { alertUnit, working } from '../isolate/progress.js';
import { SYNTHESIS_TIMEOUT_CODE } from '../isolate/synthesisTimeout.js';
import { synthesizeTests, writtenTests, type SynthesizedTests } from './synthesizedTests.js';

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

/**
 * The key of a job's outcome: the job itself, under this lookout and these packages. Jobs
 * share their rules and tiers (an SLO's tiers, a name's variants), which are most of a job;
 * `shared` holds the JSON of those already written, by identity, for the duration of a run.
 */
export function jobKey(job: AlertTestJob, shared = new WeakMap<object, string>()): string {
  const json = (part: object): string => {
    let text = shared.get(part);
    if (text === undefined) shared.set(part, (text = stableJson(part)));
    return text;
  };
  const { members, groups, slo, ...rest } = job;
  return digest(CACHE_FORMAT, toolchainFingerprint(), stableJson(rest), json(members), json(groups), slo ? json(slo.tiers) : 'no tiers', String(slo?.tier));
}

/**
 * Every job's outcome, in the jobs' order: from the cache when a job ran before exactly as it
 * is now, else computed (on worker threads when there are enough, which `signal` stops) and
 * stored.
 */
export async function runAlertTestJobs(
  jobs: readonly AlertTestJob[],
  store: CacheStore | undefined,
  signal?: AbortSignal,
): Promise<{ outcomes: SynthesizedTests[]; cached: number }> {
  const shared = new WeakMap<object, string>();
  const keys = store ? jobs.map((job) => jobKey(job, shared)) : [];
  const outcomes: Array<SynthesizedTests | undefined> = store ? keys.map((k) => store.read<SynthesizedTests>(SYNTHESIS_KIND, k)) : jobs.map(() => undefined);
  // The jobs that read furthest back first: they simulate the longest spans (a 7-day average
  // is most of the repository's synthesis), and a long job started last is a tail no other
  // thread can share. Cheap jobs last fill the threads evenly.
  const missing = jobs
    .map((_, i) => i)
    .filter((i) => outcomes[i] === undefined)
    .sort((a, b) => jobs[b]!.lookbackMs - jobs[a]!.lookbackMs);
  const threads = Math.min(threadCount(), missing.length);
  const computed =
    threads > 1 && missing.length >= MIN_JOBS_FOR_WORKERS
      ? await runInWorkers(
          missing.map((i) => jobs[i]!),
          threads,
          writtenTests,
          signal,
        )
      : missing.map((i) => {
          // On this thread the job cannot be timed from here: the watching thread times it.
          const job = jobs[i]!;
          const name = job.members[job.alert]!.rule.name;
          working({ ...alertUnit(`synthesizing the tests of alert ${name}`, name), code: SYNTHESIS_TIMEOUT_CODE });
          return synthesizeTests(job);
        });
  missing.forEach((i, n) => {
    outcomes[i] = computed[n]!;
    store?.write(SYNTHESIS_KIND, keys[i]!, computed[n]);
  });
  return { outcomes: outcomes as SynthesizedTests[], cached: jobs.length - missing.length };
}
