import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { pollFor } from '../support/poll.js';
import { TIMEOUT, WAIT } from '../support/timeouts.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const out = mkdtempSync(path.join(os.tmpdir(), 'lookout-interrupt-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('interrupting npm run loadtest', () => {
  it('stops the replicas, Prometheus and Alertmanager it started, and exits 130', async () => {
    const child = execa('node', ['--import', 'tsx', 'src/integrations/loadtest/main.ts', '--scenario', 'healthy-baseline', '--out', out], { cwd: ROOT, reject: false, all: true, forceKillAfterDelay: false });
    let log = '';
    child.all!.on('data', (d: Buffer) => (log += d.toString()));
    await pollFor('traffic started', WAIT.process, () => log.includes('traffic started'));
    const pids = [...log.matchAll(/\(pid (\d+)\)/g)].map((m) => Number(m[1]));
    const servers = [...log.matchAll(/(?:prometheus|alertmanager) (http:\/\/127\.0\.0\.1:\d+)/g)].map((m) => m[1]!);
    expect(pids).toHaveLength(2);
    expect(servers).toHaveLength(2);
    expect(pids.every(alive)).toBe(true);

    child.kill('SIGTERM');
    const result = await child;
    expect(result.exitCode, result.all).toBe(130);
    expect(result.all).toContain('SIGTERM: stopping the scenario');
    // Everything it started is gone: the replicas' pids and the two servers' ports. (Without the
    // handler the process dies of the signal at once and leaves them running.)
    await pollFor('replicas gone', WAIT.process, () => !pids.some(alive));
    for (const url of servers) await expect(fetch(`${url}/-/healthy`)).rejects.toThrow();
    // No report for a run that did not finish.
    expect(existsSync(path.join(out, 'healthy-baseline.json'))).toBe(false);
  }, TIMEOUT.live);
});
