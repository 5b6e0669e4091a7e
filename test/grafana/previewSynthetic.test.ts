/**
 * `lookout preview --synthetic` on a small project: a local Prometheus with the catalog's
 * series and the rules' outputs backfilled, every panel drawn with data, then stopped.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { TIMEOUT } from '../support/timeouts.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const MINI = path.join(ROOT, 'test/fixtures/mini');

describe('lookout preview --synthetic', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lookout-preview-synthetic-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('draws every panel of the project with data, and stops its Prometheus', async () => {
    const out = path.join(dir, 'index.html');
    const run = await execa(path.join(ROOT, 'node_modules/.bin/tsx'), [path.join(ROOT, 'src/cli/main.ts'), 'preview', '--synthetic', '--project', MINI, '--out', out, '--from', '30m'], { cwd: dir, reject: false });
    expect(run.exitCode, run.stderr).toBe(0);
    const [started, wrote] = run.stdout.split('\n');
    expect(started).toMatch(/^synthetic Prometheus at http:\/\/127\.0\.0\.1:\d+ ready in [\d.]+ s: \d+ series, \d+ recording rules and alerts backfilled in \d+ levels$/);
    // The summary names panels with query errors or without data only when there are some.
    expect(wrote).toMatch(/^wrote .*index\.html: 3 dashboards, \d+ panels, \d+ series$/);
    const page = readFileSync(out, 'utf8');
    expect(page).not.toMatch(/>No data<|>Query error</);
    // Stopped by pid on exit: nothing answers at its address any more.
    const url = /at (http:\S+)/.exec(started!)![1]!;
    await expect(fetch(`${url}/-/ready`)).rejects.toThrow();
  }, TIMEOUT.live);

  it('says what is missing when there is neither --prometheus nor --synthetic', async () => {
    const run = await execa(path.join(ROOT, 'node_modules/.bin/tsx'), [path.join(ROOT, 'src/cli/main.ts'), 'preview', '--out', path.join(dir, 'x.html')], { cwd: dir, reject: false });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/--prometheus URL, or --synthetic/);
  });
});
