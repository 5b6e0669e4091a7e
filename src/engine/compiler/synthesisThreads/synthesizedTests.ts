import { runAlertTestJob, type AlertTestJob, type AlertTestOutcome, type JobProblem } from '../../synthesis/job.js';
import { testEntries } from '../emit/testFile.js';

/** A job's outcome as the compiler keeps and caches it: its tests already written as YAML. */
export interface SynthesizedTests {
  problems: JobProblem[];
  /** How many test groups `entries` holds. */
  count: number;
  /** The tests as entries of a test file's `tests:` list (testEntries). */
  entries: string;
}

/** An outcome with its tests written. */
export function writtenTests(outcome: AlertTestOutcome): SynthesizedTests {
  return { problems: outcome.problems, count: outcome.tests.length, entries: testEntries(outcome.tests) };
}

/** Runs a job and writes its tests. */
export function synthesizeTests(job: AlertTestJob): SynthesizedTests {
  return writtenTests(runAlertTestJob(job));
}
