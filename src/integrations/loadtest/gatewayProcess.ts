import { readFileSync } from 'node:fs';
import path from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { awaitListening } from './listening.js';

/** One gateway replica running as its own process, started by the command line of `npm run gateway`. */
export interface GatewayReplica {
  /** `http://127.0.0.1:PORT`. */
  readonly url: string;
  /** `127.0.0.1:PORT`: the scrape target, and the `instance` label Prometheus gives it. */
  readonly target: string;
  readonly pid: number;
  /** SIGKILL: the replica vanishes without draining, as a crashed one does. */
  kill(): void;
  /** SIGTERM and wait: the replica drains and exits. */
  stop(): Promise<void>;
  /** The end of what it logged (JSON lines on stderr), for a failure message. */
  logTail(): string;
}

/** The node arguments `npm run gateway` runs (package.json `scripts.gateway`): V8 flags, loader, entry point. */
export function gatewayScriptArgs(root: string): string[] {
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const script = pkg.scripts['gateway'];
  if (!script) throw new Error(`${path.join(root, 'package.json')}: scripts.gateway: missing; the scenario runner starts replicas with it`);
  const [command, ...args] = script.split(/\s+/);
  if (command !== 'node') throw new Error(`${path.join(root, 'package.json')}: scripts.gateway: runs "${script}"; the scenario runner expects a node command line`);
  return args;
}

/**
 * Starts `node <gateway script> --config FILE --port 0` in `root` and waits for its `listening`
 * line. The process is the child of this one, stopped by its pid.
 */
export async function startGatewayReplica(root: string, configFile: string, timeoutMs = 30_000): Promise<GatewayReplica> {
  const child: ResultPromise = execa(process.execPath, [...gatewayScriptArgs(root), '--config', configFile, '--port', '0'], {
    cwd: root,
    reject: false,
    buffer: false,
    cleanup: true,
    stdin: 'ignore',
  });
  let log = '';
  child.stderr!.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-8000)));
  let exited = false;
  const done = child.then(() => (exited = true));
  const listening = await awaitListening(child.stdout!, done, { what: 'the gateway replica', timeoutMs, log: () => log }).catch(async (e: unknown) => {
    if (!exited) child.kill('SIGKILL');
    await done;
    throw e;
  });
  const url = listening.url.replace('localhost', '127.0.0.1');
  return {
    url,
    target: new URL(url).host,
    pid: listening.pid,
    kill() {
      if (!exited) process.kill(listening.pid, 'SIGKILL');
    },
    async stop() {
      if (!exited) process.kill(listening.pid, 'SIGTERM');
      const timer = setTimeout(() => !exited && process.kill(listening.pid, 'SIGKILL'), 10_000);
      await done;
      clearTimeout(timer);
    },
    logTail: () => log.slice(-2000),
  };
}
