import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TIMEOUT } from '../support/timeouts.js';

/** Debian's promtool 2.42, which CI installs; the evaluator is checked against it. */
export const PROMTOOL = process.env.PROMTOOL ?? '/usr/bin/promtool';

/** Fails loudly: a conformance suite that silently skips proves nothing. */
export function requirePromtool(): string {
  if (!existsSync(PROMTOOL)) {
    throw new Error(
      `promtool not found at ${PROMTOOL}. Install it with \`apt-get install -y --no-install-recommends prometheus\` ` +
        '(Debian 12 ships 2.42, the version the evaluator reproduces) or set PROMTOOL.',
    );
  }
  const version = spawnSync(PROMTOOL, ['--version'], { encoding: 'utf8' });
  const text = `${version.stdout}${version.stderr}`;
  if (!/version 2\.42\./.test(text)) throw new Error(`the evaluator reproduces promtool 2.42, found: ${text.split('\n')[0]}`);
  return PROMTOOL;
}

export interface PromtoolRun {
  ok: boolean;
  output: string;
  dir: string;
}

/** Writes the files into a fresh directory and runs `promtool test rules` once on all test files. */
export function runPromtoolTests(files: Record<string, string>, testFiles: readonly string[]): PromtoolRun {
  const promtool = requirePromtool();
  const dir = mkdtempSync(join(tmpdir(), 'lookout-promtool-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  const run = spawnSync(promtool, ['test', 'rules', ...testFiles], { cwd: dir, encoding: 'utf8', timeout: TIMEOUT.tools });
  return { ok: run.status === 0, output: `${run.stdout ?? ''}${run.stderr ?? ''}${run.error ? String(run.error) : ''}`, dir };
}
