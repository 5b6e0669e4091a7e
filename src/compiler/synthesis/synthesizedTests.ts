import { runAlertTestJob, type AlertTestJob, type JobProblem } from '../../toolkit/tests/job.js';
import { testEntries } from '../emit/testFile.js';

/** A job's outcome as the compiler keeps and caches it: its tests already written as YAML. */
export interface SynthesizedTests {
  problems: JobProblem[];
  /** How many test groups `entries` holds. */
  count: number;
  /** The tests as entries of a test file's `tests:` list (testEntries). */
  entries: string;
}

/** Runs a job and writes its tests, on whichever thread runs it. */
export function synthesizeTests(job: AlertTestJob): SynthesizedTests {
  const outcome = runAlertTestJob(job);
  return { problems: outcome.problems, count: outcome.tests.length, entries: testEntries(outcome.tests) };
}
