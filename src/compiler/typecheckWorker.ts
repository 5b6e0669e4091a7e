import { parentPort, workerData } from 'node:worker_threads';
import type { ProjectFiles } from './discover.js';
import { typecheck } from './typecheck.js';

/** The type check on a thread of its own, so the definitions load and compile meanwhile. */
try {
  const { files, buildInfoFile } = workerData as { files: ProjectFiles; buildInfoFile?: string };
  parentPort!.postMessage({ result: typecheck(files, buildInfoFile) });
} catch (e) {
  parentPort!.postMessage({ error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
}
