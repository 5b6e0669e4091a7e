import { spawnSync } from 'node:child_process';

/** What `promtool check metrics` said about an exposition. */
export interface PromtoolResult {
  readonly status: number | null;
  readonly output: string;
}

/**
 * Runs the real promtool on `exposition` (stdin). CI installs it, so a missing binary is a
 * failure with the install command, never a skipped test.
 */
export function promtoolCheckMetrics(exposition: string): PromtoolResult {
  const bin = process.env['PROMTOOL'] ?? 'promtool';
  const run = spawnSync(bin, ['check', 'metrics'], { input: exposition, encoding: 'utf8' });
  if (run.error) {
    const missing = (run.error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new Error(
      missing
        ? `promtool not found (${bin}): apt-get install -y --no-install-recommends prometheus, or set PROMTOOL`
        : `promtool failed to start: ${run.error.message}`,
    );
  }
  return { status: run.status, output: `${run.stdout}${run.stderr}`.trim() };
}
