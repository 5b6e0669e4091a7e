import { parentPort } from 'node:worker_threads';
import { keepCallSitesForever, userFrameNow, userThrowSite } from '../../../library/source.js';
import { CacheStore } from '../cache/store.js';
import { Timings } from '../timings.js';
import type { CompileMessage, CompileRequest } from './messages.js';
import { currentUnit, reportUnitsTo, working } from './progress.js';
import { describeThrown } from './thrownValue.js';
import { WHERE } from './pausedAt.js';
import { snapshotThread } from './threadState.js';

/**
 * The thread the project's code runs on (started by compileIsolated): it loads the
 * definitions and compiles them, saying what it runs as it goes. What would end or wreck a
 * process (process.exit, an error thrown from a timer, a promise rejected unawaited) is told
 * to the watching thread, which reports it as the user's mistake; a loop that never ends is
 * stopped from there. A thread whose run left it as it found it takes the next request: the
 * compiler stays loaded, the project's modules load afresh (load.ts gives each run its own
 * namespace).
 */
const port = parentPort!;
const post = (m: CompileMessage) => port.postMessage(m);
const exit = process.exit.bind(process);
let root = '';

// Errors thrown later (from a timer) are placed in the project's files like import errors.
keepCallSitesForever();
process.setSourceMapsEnabled(true);
reportUnitsTo((unit) => post({ kind: 'unit', unit }));
(globalThis as Record<symbol, unknown>)[WHERE] = () => JSON.stringify(userFrameNow(root) ?? null);

process.exit = ((code?: number | string | null) => {
  post({ kind: 'exit', code: Number(code ?? process.exitCode ?? 0), at: userFrameNow(root) });
  exit(code ?? undefined);
}) as typeof process.exit;

// A signal to lookout's own process (or its group) would end it with no word of why; a
// definition that sends one ends this thread instead, reported like process.exit.
const kill = process.kill.bind(process);
process.kill = ((pid: number, signal?: string | number) => {
  const own = pid === process.pid || pid === 0 || pid === -process.pid;
  if (!own || signal === 0) return kill(pid, signal);
  post({ kind: 'exit', code: 1, at: userFrameNow(root), call: `process.kill(${pid === process.pid ? 'process.pid' : pid}${signal === undefined ? '' : `, ${JSON.stringify(signal)}`})` });
  return exit(1);
}) as typeof process.kill;
process.abort = (() => {
  post({ kind: 'exit', code: 1, at: userFrameNow(root), call: 'process.abort()' });
  exit(1);
}) as typeof process.abort;

const unitAt = () => {
  const u = currentUnit();
  return u?.file ? { file: u.file, line: u.line ?? 0, column: u.column ?? 0 } : undefined;
};
const thrownLater = (rejection: boolean) => (error: unknown) => {
  post({ kind: 'async-throw', rejection, message: describeThrown(error).split('\n')[0]!, at: userThrowSite(error, root) ?? unitAt() });
  exit(1);
};
process.on('uncaughtException', thrownLater(false));
process.on('unhandledRejection', thrownLater(true));

const { compileDefinitions } = await import('../pipeline.js');

const requests: CompileRequest[] = [];
let wake: (() => void) | undefined;
port.on('message', (r: CompileRequest) => {
  requests.push(r);
  wake?.();
});

for (;;) {
  // Idle, the port keeps the thread alive for the next request (the watching thread unrefs
  // the thread itself, so an idle thread does not keep the process alive). During a run,
  // nothing but the project's own work does: a top-level await that never settles leaves
  // the event loop empty, and the thread ends (exit code 13) instead of hanging.
  port.ref();
  while (requests.length === 0) await new Promise<void>((r) => (wake = r));
  wake = undefined;
  const request = requests.shift()!;
  port.unref();
  await run(request);
}

async function run(request: CompileRequest): Promise<void> {
  root = request.files.root;
  for (const key of Object.keys(process.env)) delete process.env[key];
  Object.assign(process.env, request.env);
  process.exitCode = undefined;
  working({ doing: 'starting', untimed: true });
  const before = snapshotThread();
  const timings = new Timings();
  const originEpochMs = performance.timeOrigin + performance.now();
  try {
    const store = request.cacheDir === undefined ? undefined : new CacheStore(request.cacheDir);
    const compiled = await compileDefinitions(request.files, store, timings);
    post({ kind: 'result', compiled, cacheNotes: store?.notes ?? [], spans: timings.spans, originEpochMs, reusable: before.changed() === undefined });
  } catch (e) {
    post({ kind: 'crash', stack: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
}
