import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { freePort, waitForReady } from './ports.js';

export interface RunningServer {
  url: string;
  /** Its own temporary folder, removed on stop. */
  dir: string;
  stop(): Promise<void>;
}

/**
 * Starts a server binary on 127.0.0.1 at a port picked now, with a temporary folder for its
 * data, and waits until `readyPath` answers 200. `stop` kills it by pid and removes the folder;
 * a server that dies or never gets ready is stopped and reported with the end of its output.
 */
export async function startServer(options: {
  binary: string;
  args: (dir: string, listen: string) => string[];
  readyPath: string;
  timeoutMs: number;
  /** Prepares files in the folder before the start. */
  prepare?: (dir: string) => void;
}): Promise<RunningServer> {
  const dir = mkdtempSync(path.join(os.tmpdir(), `lookout-${path.basename(options.binary)}-`));
  options.prepare?.(dir);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ResultPromise = execa(options.binary, options.args(dir, `127.0.0.1:${port}`), { reject: false, all: true, stdin: 'ignore' });
  let exited = false;
  void child.then(() => (exited = true));
  const stop = async () => {
    if (!exited) child.kill('SIGTERM');
    await child;
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitForReady(`${url}${options.readyPath}`, options.timeoutMs, () => !exited);
  } catch (e) {
    await stop();
    const output = String((await child).all ?? '');
    throw new Error(`${options.binary}: ${e instanceof Error ? e.message : String(e)}\n${output.slice(-2000)}`);
  }
  return { url, dir, stop };
}
