import { spawn } from 'node:child_process';

export interface GroupRun {
  /** null when killed. */
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /** stdout then stderr chunks as they came. */
  output: string;
  timedOut: boolean;
  ms: number;
}

/**
 * Runs a command in its own process group and kills the whole group (worker threads, any tool it
 * started) at the time limit and once it exits, so a hang costs no more than the limit and
 * leaves nothing running.
 */
export function runInGroup(bin: string, args: readonly string[], options: { cwd: string; timeLimitMs: number; env?: NodeJS.ProcessEnv }): Promise<GroupRun> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(bin, args, { cwd: options.cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: options.env ?? process.env });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => chunks.push(c));
    const killGroup = () => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // The group is already empty: the usual case once it exited.
      }
    };
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, options.timeLimitMs);
    child.on('close', (exitCode, signal) => {
      clearTimeout(timer);
      killGroup();
      resolve({ exitCode, signal, output: Buffer.concat(chunks).toString('utf8'), timedOut, ms: Date.now() - started });
    });
  });
}
