import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Starts the worker thread module `name` that sits beside `near` (an import.meta.url): its
 * .js when lookout is installed; its .ts when lookout runs from its TypeScript source, through
 * a bootstrap that registers tsx in the thread first (Node 20 applies neither the main
 * thread's loader nor an `--import` of it to a worker's own module).
 */
export function startWorker(near: string, name: string, options?: WorkerOptions): Worker {
  const ext = path.extname(fileURLToPath(near));
  const url = new URL(`./${name}${ext}`, near);
  if (ext !== '.ts') return new Worker(url, options);
  const bootstrap = `import { register } from ${JSON.stringify(import.meta.resolve('tsx/esm/api'))}; register(); await import(${JSON.stringify(url.href)});`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(bootstrap)}`), options);
}
