import { afterEach, describe, expect, it } from 'vitest';
import { removeProject } from '../compiler/project.js';
import { TIMEOUT } from '../support/timeouts.js';
import { brokenProject, errorLines, generateIn, GOOD_RULES } from './project.js';

/**
 * generate keeps its compiler thread between runs in one process (isolate/compileIsolated.ts),
 * but only a thread the last run left as it found it: what one project's definitions do to
 * the thread must never be seen by the next project's.
 */
const INSPECT = (what: string) => `${GOOD_RULES}\nif (${what}) throw new Error('the thread carries an earlier run');\n`;

const LEFTOVERS: Array<{ name: string; does: string; seen: string; exitCode: number }> = [
  // Reported (load/builtin-changed), and the thread is not kept either.
  { name: 'a polluted Object.prototype', does: "(Object.prototype as Record<string, unknown>).polluted = 'yes';", seen: "'polluted' in {}", exitCode: 1 },
  { name: 'a patched builtin', does: 'Math.hypot = () => 0;', seen: 'Math.hypot(3, 4) !== 5', exitCode: 1 },
  // Harmless to this run, but not to be seen by the next.
  { name: 'a global set', does: "(globalThis as Record<string, unknown>).leftover = 1;", seen: "'leftover' in globalThis", exitCode: 0 },
  { name: 'a console patched', does: 'console.warn = () => undefined;', seen: "!console.warn.toString().includes('native')", exitCode: 0 },
  { name: 'a timer left running', does: 'setInterval(() => undefined, 1000);', seen: "process.getActiveResourcesInfo().includes('Timeout')", exitCode: 0 },
];

describe('the compiler thread kept between generates', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) removeProject(d);
  });

  it.each(LEFTOVERS)('is not reused after $name', { timeout: TIMEOUT.generate * 2 }, async ({ does, seen, exitCode }) => {
    const first = brokenProject({ 'rules/extra.ts': `${does}\nexport const x = 1;\n` });
    const second = brokenProject({ 'rules/shop.ts': INSPECT(seen) });
    dirs.push(first, second);
    expect((await generateIn(first)).exitCode).toBe(exitCode);
    const run = await generateIn(second);
    expect(errorLines(run)).toEqual([]);
    expect(run.exitCode).toBe(0);
  });

  it('runs with the environment of the time it is asked, not of the first run', { timeout: TIMEOUT.generate * 2 }, async () => {
    const dir = brokenProject({ 'rules/shop.ts': INSPECT("process.env.LOOKOUT_REUSE_PROBE !== 'second'") });
    dirs.push(dir);
    process.env.LOOKOUT_REUSE_PROBE = 'first';
    try {
      expect((await generateIn(dir)).exitCode).toBe(1);
      process.env.LOOKOUT_REUSE_PROBE = 'second';
      expect((await generateIn(dir)).exitCode).toBe(0);
    } finally {
      delete process.env.LOOKOUT_REUSE_PROBE;
    }
  });
});
