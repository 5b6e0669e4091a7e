import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Answer, Request } from './generateServer.js';
import { runInGroup, type GroupRun } from './processGroup.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

/**
 * How long a run may take: the runner kills its process group at `killMs`; lookout's own time
 * limit (LOOKOUT_TIMEOUT, `lookoutS`, per unit of work: a hang becomes load/timeout at its line)
 * ends well before that, so only a hang lookout does not catch reaches the kill.
 */
export interface Limits {
  killMs: number;
  lookoutS: number;
}

/**
 * `lookout generate --no-cache` on a project, as a user runs it: the CLI from the source in its
 * own process group, killed whole at the time limit. No cache: every copy is compiled from
 * scratch, so no mutation's result depends on another's.
 */
export function generateProject(project: string, limits: Limits): Promise<GroupRun> {
  return runInGroup(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli/main.ts'), 'generate', '--no-cache', '--project', project], {
    cwd: project,
    timeLimitMs: limits.killMs,
    env: { ...process.env, NO_COLOR: '1', LOOKOUT_TIMEOUT: String(limits.lookoutS) },
  });
}

interface Server {
  child: ChildProcess;
  /** The run in progress: its output so far (what escaped the capture, a dying process's last words) and how to end it. */
  running?: { stray: string[]; settle: (run: GroupRun) => void };
}

/**
 * The same generate, on a process that stays (generateServer.ts): a run costs its own work,
 * not lookout's start. A process that dies (a crash, a V8 fatal error) or runs past the time
 * limit is killed with its group and the next run starts a new one, so the outcome is what the
 * CLI's would be. One server per parallel lane.
 */
export class GenerateServer {
  private server: Server | undefined;

  private start(): Server {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'generateServer.ts')], {
      cwd: ROOT,
      detached: true,
      stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1' },
    });
    const server: Server = { child };
    const stray = (c: Buffer) => server.running?.stray.push(c.toString('utf8'));
    child.stdout!.on('data', stray);
    child.stderr!.on('data', stray);
    createInterface({ input: child.stdio[3] as NodeJS.ReadableStream }).on('line', (line) => {
      const answer = JSON.parse(line) as Answer;
      const running = server.running;
      server.running = undefined;
      running?.settle({ exitCode: answer.exitCode, signal: null, output: answer.output + running.stray.join(''), timedOut: false, ms: 0 });
    });
    child.on('close', (exitCode, signal) => {
      if (this.server === server) this.server = undefined;
      const running = server.running;
      server.running = undefined;
      running?.settle({ exitCode, signal, output: running.stray.join(''), timedOut: false, ms: 0 });
    });
    return server;
  }

  /** With `cacheDir`, generate uses that cache; without, it runs with `--no-cache`. */
  generate(project: string, limits: Limits, cacheDir?: string): Promise<GroupRun> {
    const started = Date.now();
    const server = (this.server ??= this.start());
    return new Promise<GroupRun>((resolve) => {
      const timer = setTimeout(() => {
        const running = server.running;
        server.running = undefined;
        this.kill(server);
        running?.settle({ exitCode: null, signal: 'SIGKILL', output: running.stray.join(''), timedOut: true, ms: 0 });
      }, limits.killMs);
      server.running = {
        stray: [],
        settle: (run) => {
          clearTimeout(timer);
          if (run.exitCode === null || !this.server) this.kill(server);
          resolve({ ...run, ms: Date.now() - started });
        },
      };
      server.child.stdin!.write(`${JSON.stringify({ project, timeoutS: limits.lookoutS, ...(cacheDir ? { cacheDir } : {}) } satisfies Request)}\n`);
    });
  }

  private kill(server: Server): void {
    if (this.server === server) this.server = undefined;
    try {
      process.kill(-server.child.pid!, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }

  close(): void {
    if (this.server) this.kill(this.server);
  }
}
