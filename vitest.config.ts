import { defineConfig } from 'vitest/config';
import { CORPUS, LIVE, SMOKE } from './test/support/suites.js';
import { TIMEOUT, TIMEOUT_SCALE } from './test/support/timeouts.js';

// Computed once here and inherited by every worker, so that all of them use the same deadlines.
process.env.LOOKOUT_TEST_TIMEOUT_SCALE = String(TIMEOUT_SCALE);

/**
 * Three projects (test/support/suites.ts says which file is in which, and why):
 * - unit: `npm run test:unit`, part of `npm test`. No real server: fast, and steady on a busy
 *   machine. Two workers, one per core; most of these tests are CPU-bound (tsc, promtool).
 *   Without isolation, the files of a worker share its module cache: TypeScript, ts-morph and
 *   the compiler load once per worker rather than once per file (a sixth of the suite's CPU).
 *   A test that changes global state puts it back (vi.useRealTimers, vi.unstubAllEnvs, mockRestore).
 * - smoke: the seconds-long live check `npm test` ends with.
 * - corpus: `npm run test:corpus`, the whole mutation corpus (about ten minutes).
 * - live: `npm run test:live` (with smoke). One file at a time: these tests start servers and
 *   drive traffic on real clocks, and two of them at once on two cores would only starve both.
 */
export default defineConfig({
  // The package's entries as tsconfig.json's paths map them. Exact matches: a plain 'lookout'
  // key would also rewrite 'lookout/promql' to '…/index.ts/promql'.
  resolve: {
    alias: [
      { find: /^lookout$/, replacement: new URL('./src/library/index.ts', import.meta.url).pathname },
      { find: /^lookout\/(promql|dashboards|runtime)$/, replacement: `${new URL('./src/library/', import.meta.url).pathname}$1.ts` },
    ],
  },
  test: {
    testTimeout: TIMEOUT.test,
    hookTimeout: TIMEOUT.hook,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: [...LIVE, ...SMOKE, ...CORPUS], pool: 'forks', maxWorkers: 2, isolate: false },
      },
      {
        extends: true,
        test: { name: 'smoke', include: [...SMOKE], pool: 'forks', maxWorkers: 1, testTimeout: TIMEOUT.live, hookTimeout: TIMEOUT.serverStart },
      },
      {
        extends: true,
        test: { name: 'corpus', include: [...CORPUS], pool: 'forks', maxWorkers: 1 },
      },
      {
        extends: true,
        test: { name: 'live', include: [...LIVE], pool: 'forks', maxWorkers: 1, fileParallelism: false, testTimeout: TIMEOUT.live, hookTimeout: TIMEOUT.serverStart },
      },
    ],
  },
});
