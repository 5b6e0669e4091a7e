import { parentPort } from 'node:worker_threads';
import type { ProjectFiles } from './discover.js';
import { ParsedSources, typecheck } from './typecheck.js';

/**
 * The type check on a thread of its own, so the definitions load and compile meanwhile. The
 * thread lives as long as its process and keeps what it parsed: a process that generates
 * again (a test run, a watcher) parses only the files that changed.
 */
const sources = new ParsedSources();

parentPort!.on('message', (m: { id: number; files: ProjectFiles; buildInfoFile?: string }) => {
  try {
    parentPort!.postMessage({ id: m.id, result: typecheck(m.files, m.buildInfoFile, sources) });
  } catch (e) {
    parentPort!.postMessage({ id: m.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
});
