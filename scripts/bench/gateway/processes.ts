import { once } from 'node:events';
import { spawn, type ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gatewayScriptArgs } from '../../../src/integrations/loadtest/gatewayProcess.js';
import { awaitListening } from '../../../src/integrations/loadtest/listening.js';

export const REPO = path.resolve(import.meta.dirname, '../../..');

/** A server started as its own node process (through tsx), known by the pid it printed. */
export interface ServerProcess {
  readonly name: string;
  readonly url: string;
  readonly pid: number;
  /** Its stderr so far, for the error when it dies. */
  stderr(): string;
  stop(): Promise<void>;
}

/**
 * Node flags for every proxy under test: the V8 flags `npm run gateway` starts the gateway
 * with (package.json; the young generation: with V8's default 16 MB semi-spaces, objects
 * living across a request or a 1 s ledger flush got promoted and the gateway's CPU per request
 * swung between ~78 and ~100 µs from run to run). The passthrough gets the same flags, so both
 * are measured alike.
 */
export const PROXY_NODE_ARGS: readonly string[] = (() => {
  const args = gatewayScriptArgs(REPO);
  const loader = args.indexOf('--import');
  if (loader < 0) throw new Error(`npm run gateway runs node without --import tsx; the benchmark cannot tell its V8 flags from its entry point`);
  return args.slice(0, loader);
})();

const started = new Set<ServerProcess>();

/**
 * Runs `node [NODE_ARGS] --import tsx SCRIPT ARGS` from the repo and resolves once it prints its JSON
 * `listening` line (the mock, the ledger and serve.ts all do), with the url and pid in it.
 */
export async function startServer(name: string, script: string, args: readonly string[], o: { timeoutMs?: number; nodeArgs?: readonly string[] } = {}): Promise<ServerProcess> {
  const timeoutMs = o.timeoutMs ?? 30_000;
  const child = spawn(process.execPath, [...(o.nodeArgs ?? []), '--import', 'tsx', path.join(REPO, script), ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => {
    err = (err + d.toString()).slice(-20_000);
  });
  const listening = await awaitListening(child.stdout!, once(child, 'exit'), { what: name, timeoutMs, log: () => err });
  const server: ServerProcess = {
    name,
    url: listening.url,
    pid: listening.pid,
    stderr: () => err,
    stop: () => stop(child, listening.pid).finally(() => started.delete(server)),
  };
  started.add(server);
  return server;
}

function stop(child: ChildProcess, pid: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => signal(pid, 'SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    signal(pid, 'SIGTERM');
  });
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Already gone.
  }
}

/** Stops, by pid, every server started here that is still running. */
export async function stopAllServers(): Promise<void> {
  await Promise.allSettled([...started].map((s) => s.stop()));
}

/** The last resort on a hung shutdown: SIGKILL by pid. */
export function killAllServers(): void {
  for (const s of started) signal(s.pid, 'SIGKILL');
}

const TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU time (user + system, every thread) a process has used so far, in milliseconds; from /proc, so Linux only. */
export function cpuMsOf(pid: number): number {
  if (pid === process.pid) {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  }
  // Fields after the parenthesised command name; utime and stime are the 12th and 13th of them.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

/** CPU time the whole machine has been busy (all cores, every process and the kernel), in milliseconds. */
export function machineBusyMs(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!;
  // cpu  user nice system idle iowait irq softirq steal guest guest_nice; guest time is inside user already.
  const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number) as number[];
  return ((user! + nice! + system! + irq! + softirq! + steal!) * 1000) / TICKS_PER_SECOND;
}
