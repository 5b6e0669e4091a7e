import { afterEach, describe, expect, it, vi } from 'vitest';
import { removeProject } from '../compiler/project.js';
import { TIMEOUT, TIMEOUT_SCALE } from '../support/timeouts.js';
import { brokenProject, errorLines, generateIn, GOOD_RULES } from './project.js';

/**
 * Code that never ends is stopped at the time limit, set short here (LOOKOUT_TIMEOUT): long
 * enough for the project's sound parts on a busy machine (scaled like every deadline of the
 * suite), far shorter than the 60 s default.
 */
const LIMIT_S = 3 * TIMEOUT_SCALE;

const CASES: Array<{ name: string; files: Record<string, string>; code: string; at: string; message: RegExp }> = [
  {
    name: 'a module that loops forever is stopped, at the line it loops on',
    files: { 'rules/bad.ts': 'export const x = 1;\nwhile (x > 0) {}\n' },
    code: 'load/timeout',
    at: 'rules/bad.ts:2:',
    message: /importing the module took longer than [\d.]+ s, still running here when stopped/,
  },
  {
    name: 'a description() that spins is stopped, at its line',
    files: { 'rules/shop.ts': GOOD_RULES.replace(/description: .*/, 'description: () => {\n        for (;;) {}\n      },') },
    code: 'load/timeout',
    at: 'rules/shop.ts:14:',
    message: /took longer than [\d.]+ s, still running here when stopped/,
  },
  {
    name: "a hand-written test at '99999d' stops the synthesis, named by its alert",
    files: {
      'rules/shop.ts': GOOD_RULES.replace("import { alert,", "import { alert, series,").replace(
        '      description:',
        "      tests: [{ name: 'far', interval: '1m', series: [series(shop.metrics.queue, {}, '0+1x10')], expect: [{ at: '99999d', firing: [] }] }],\n      description:",
      ),
    },
    code: 'test/synthesis-timeout',
    at: 'rules/shop.ts:7:5',
    message: /synthesizing the tests of alert ShopQueueDeep took longer than [\d.]+ s/,
  },
];

describe('code that never ends', () => {
  let dir: string | undefined;
  afterEach(() => {
    vi.unstubAllEnvs();
    if (dir) removeProject(dir);
  });

  it.each(CASES)('$name', async ({ files, code, at, message }) => {
    vi.stubEnv('LOOKOUT_TIMEOUT', String(LIMIT_S));
    dir = brokenProject(files);
    const run = await generateIn(dir);
    expect(run.exitCode).toBe(1);
    const errors = errorLines(run);
    expect(errors, run.stderr).toHaveLength(1);
    expect(errors[0]).toContain(`${at}`);
    expect(errors[0]).toContain(`error ${code}: `);
    expect(errors[0]).toMatch(message);
    expect(run.untouched).toBe(true);
  }, TIMEOUT.generate + LIMIT_S * 1000);
});
