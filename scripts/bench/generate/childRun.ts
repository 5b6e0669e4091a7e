import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * Runs a command as its own process and measures it as a user meets it: wall time, and CPU
 * time (user + sys) of the process and every descendant it waited for. The CPU comes from
 * this process's cutime/cstime in /proc/self/stat, read before the spawn and after the child
 * was reaped: Linux adds a waited-for child's times there. Only one child may run at a time,
 * or the difference would mix them.
 */

/** Clock ticks per second, the unit of /proc/<pid>/stat's times (USER_HZ, 100 on Linux nearly everywhere). */
const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU of this process's waited-for children so far, in seconds. */
function childrenCpu(): { user: number; sys: number } {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  // Field 2 (comm) may hold spaces: count fields after its closing parenthesis, where field 3 starts.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const field = (n: number) => Number(fields[n - 3]);
  return { user: field(16) / CLOCK_TICKS, sys: field(17) / CLOCK_TICKS };
}

export interface MeasuredRun {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  wallSeconds: number;
  userSeconds: number;
  sysSeconds: number;
  cpuSeconds: number;
  stdout: string;
  stderr: string;
}

/** Kept of each stream: enough for any error report, bounded on a run that prints thousands of diagnostics. */
const KEEP_CHARS = 200_000;
const keepTail = (s: string) => (s.length > KEEP_CHARS ? s.slice(-KEEP_CHARS) : s);

let current: ChildProcess | undefined;

/**
 * Runs `command` with `args` in `cwd` and waits for it. The child leads its own process group,
 * so stopChild() ends it with whatever it started.
 */
export function measuredRun(command: string, args: readonly string[], o: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<MeasuredRun> {
  if (current) throw new Error('measuredRun: a child is already running; CPU times would mix');
  return new Promise((resolve, reject) => {
    const before = childrenCpu();
    const started = performance.now();
    const child = spawn(command, args, { cwd: o.cwd, env: o.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    current = child;
    let stdout = '';
    let stderr = '';
    child.stdout!.setEncoding('utf8').on('data', (s: string) => (stdout = keepTail(stdout + s)));
    child.stderr!.setEncoding('utf8').on('data', (s: string) => (stderr = keepTail(stderr + s)));
    child.on('error', (e) => {
      current = undefined;
      reject(e);
    });
    // 'close' comes after the exit (the child is reaped) and after its output ended.
    child.on('close', (exitCode, signal) => {
      const wallSeconds = (performance.now() - started) / 1000;
      const after = childrenCpu();
      current = undefined;
      const userSeconds = after.user - before.user;
      const sysSeconds = after.sys - before.sys;
      resolve({ exitCode, signal, wallSeconds, userSeconds, sysSeconds, cpuSeconds: userSeconds + sysSeconds, stdout, stderr });
    });
  });
}

/** Stops the running child and its process group: SIGTERM, then SIGKILL after `graceMs`. */
export async function stopChild(graceMs = 3000): Promise<void> {
  const child = current;
  if (!child?.pid) return;
  const group = -child.pid;
  const signal = (s: NodeJS.Signals) => {
    try {
      process.kill(group, s);
    } catch {
      // Already gone.
    }
  };
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  signal('SIGTERM');
  const timer = setTimeout(() => signal('SIGKILL'), graceMs);
  await closed;
  clearTimeout(timer);
}

/** The last resort: SIGKILL to the running child's group, without waiting. */
export function killChild(): void {
  if (current?.pid) {
    try {
      process.kill(-current.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}
