import os from 'node:os';

/**
 * Every deadline of the suite: the per-test and per-hook timeouts and the deadlines of polled
 * waits. Each budget is what its step takes on a quiet 2-core machine with room to spare
 * (about three times), multiplied by one factor for this machine, so that a busy or a smaller
 * machine gets longer deadlines instead of failures. A budget bounds how long the suite waits
 * before it gives up; no test asserts how long anything took.
 *
 * The factor is `LOOKOUT_TEST_TIMEOUT_SCALE` when set (e.g. 3 on a machine known to be slow),
 * otherwise it comes from the machine: the runnable processes per core over the last minute
 * (1 + the load average, over the cores), at least 1 and at most 8, doubled on a single core.
 * vitest.config.ts computes it once and exports it to the workers, so all of them agree.
 */
export const TIMEOUT_SCALE = timeoutScale();

function timeoutScale(): number {
  const set = process.env.LOOKOUT_TEST_TIMEOUT_SCALE;
  if (set !== undefined && set !== '') {
    const factor = Number(set);
    if (!Number.isFinite(factor) || factor <= 0) throw new Error(`LOOKOUT_TEST_TIMEOUT_SCALE must be a number above 0, not "${set}"`);
    return factor;
  }
  const cores = os.availableParallelism();
  const busy = (1 + os.loadavg()[0]!) / cores;
  return Math.round(Math.min(8, Math.max(1, busy)) * (cores < 2 ? 2 : 1) * 100) / 100;
}

const seconds = (s: number) => Math.round(s * 1000 * TIMEOUT_SCALE);

/** Per-test and per-hook timeouts, in ms: pass one as the last argument of `it`, `beforeAll`... */
export const TIMEOUT = {
  /** A test that computes in this process, perhaps with a stub server or one promtool run: the default. */
  test: seconds(30),
  /** A hook that starts nothing slow: the default. */
  hook: seconds(30),
  /** A test or hook that runs `lookout generate` (each about 5 s of CPU today) a few times. */
  generate: seconds(90),
  /** A test that runs promtool or amtool over many files or cases. */
  tools: seconds(90),
  /** A test that runs the lookout command: generate, then validate with promtool and amtool. */
  validate: seconds(120),
  /** `npm pack`, which builds dist/ with tsc, and `npm install` of the tarball. */
  packInstall: seconds(300),
  /** Starting real servers: Prometheus, Alertmanager, the gateway stack, headless Chromium. */
  serverStart: seconds(60),
  /** A live test that waits for servers on their own clock: an alert to fire and be delivered. */
  live: seconds(120),
  /** The mutation corpus run whole (the runner stops each generate at its own time limit inside). */
  mutationCorpus: seconds(1800),
  /** The unit suite's sample of the mutation corpus. */
  mutationSample: seconds(300),
  /** A load scenario run end to end (the runner has its own deadlines inside). */
  scenario: seconds(300),
} as const;

/** Deadlines of polled waits (`pollFor`, `eventually`), in ms. */
export const WAIT = {
  /** For this process or a local stub to react: a counter to move, a reload to apply, a request to settle. */
  local: seconds(10),
  /** For a real server to get somewhere on its own clock: a scrape, an evaluation, a notification. */
  live: seconds(60),
  /** For a child process to start (print that it listens) or to stop. */
  process: seconds(60),
} as const;
