import path from 'node:path';
import type { Diagnostic } from '../toolkit/diagnostics/diagnostic.js';
import type { CacheStore } from './cache/store.js';
import { digest } from './cache/stableJson.js';
import type { ProjectFiles } from './discover.js';
import { startWorker } from './threads.js';

export interface TypeChecked {
  diagnostics: Diagnostic[];
  /** The project files the program read (its modules and configuration). */
  read: string[];
}

/**
 * typecheck() on a worker thread of its own, started before the compiler itself loads: a
 * couple of seconds of every generate that need not hold up loading and analyzing the
 * definitions. TypeScript's record of what it checked lives in the cache, one per project.
 */
export function typecheckInThread(files: ProjectFiles, store: CacheStore | undefined): Promise<TypeChecked> {
  const buildInfoFile = store && path.join(store.dir, 'tsbuildinfo', `${digest(files.root)}.tsbuildinfo`);
  const checking = new Promise<TypeChecked>((resolve, reject) => {
    const worker = startWorker(import.meta.url, 'typecheckWorker', { files, buildInfoFile });
    worker.once('message', (m: { result: TypeChecked } | { error: string }) => {
      void worker.terminate();
      if ('error' in m) reject(new Error(`the type check failed: ${m.error}`));
      else resolve(m.result);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the type check's thread exited with code ${code}`)));
  });
  // Until the caller awaits it, a failure must not surface as an unhandled rejection.
  checking.catch(() => undefined);
  return checking;
}
