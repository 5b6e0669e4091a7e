import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import type { Diagnostic } from '../../library/diagnostics/diagnostic.js';
import type { CacheStore } from './cache/store.js';
import { digest } from './cache/stableJson.js';
import type { ProjectFiles } from './discover.js';
import { startWorker } from './threads.js';

export interface TypeChecked {
  diagnostics: Diagnostic[];
  /** The project files the program read (its modules and configuration). */
  read: string[];
}

type Reply = { id: number; result: TypeChecked } | { id: number; error: string };

/**
 * The type check's thread, started on the first check and kept for the process (it keeps the
 * files it parsed, see typecheckWorker); it does not keep the process alive while idle.
 */
let thread: { worker: Worker; waiting: Map<number, { resolve: (r: TypeChecked) => void; reject: (e: Error) => void }>; next: number } | undefined;

function checker(): NonNullable<typeof thread> {
  if (thread) return thread;
  const worker = startWorker(import.meta.url, 'typecheckWorker');
  const t = { worker, waiting: new Map<number, { resolve: (r: TypeChecked) => void; reject: (e: Error) => void }>(), next: 0 };
  const settle = (id: number) => {
    const w = t.waiting.get(id);
    t.waiting.delete(id);
    if (t.waiting.size === 0) worker.unref();
    return w;
  };
  worker.on('message', (m: Reply) => {
    const w = settle(m.id);
    if ('error' in m) w?.reject(new Error(`the type check failed: ${m.error}`));
    else w?.resolve(m.result);
  });
  const fail = (e: Error) => {
    thread = undefined;
    for (const id of [...t.waiting.keys()]) settle(id)?.reject(e);
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`the type check's thread exited with code ${code}`)));
  thread = t;
  return t;
}

/**
 * typecheck() on the type check's thread, so it runs while the definitions load and are
 * analyzed; started before the compiler itself loads. TypeScript's record of what it checked
 * lives in the cache, one per project.
 */
export function typecheckInThread(files: ProjectFiles, store: CacheStore | undefined): Promise<TypeChecked> {
  const buildInfoFile = store && path.join(store.dir, 'tsbuildinfo', `${digest(files.root)}.tsbuildinfo`);
  const t = checker();
  const id = t.next++;
  const checking = new Promise<TypeChecked>((resolve, reject) => t.waiting.set(id, { resolve, reject }));
  t.worker.ref();
  t.worker.postMessage({ id, files, buildInfoFile });
  // Until the caller awaits it, a failure must not surface as an unhandled rejection.
  checking.catch(() => undefined);
  return checking;
}
