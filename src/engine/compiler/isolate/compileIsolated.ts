import type { Diagnostic, SourceLocation } from '../../../library/diagnostics/diagnostic.js';
import type { ProjectFiles } from '../discover.js';
import { relative } from '../paths.js';
import type { DefinitionsCompiled } from '../pipeline.js';
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../threads.js';
import type { Timings } from '../timings.js';
import type { CompileMessage, CompileRequest } from './messages.js';
import { pausedAt } from './pausedAt.js';
import { pendingAwait } from './pendingAwait.js';
import type { Unit } from './progress.js';
import { SYNTHESIS_TIMEOUT_CODE, SYNTHESIS_TIMEOUT_HINT } from './synthesisTimeout.js';
import { DEFAULT_TIME_LIMIT_S, formatLimit, TimeLimitError, timeLimitMs } from './timeLimit.js';

export interface Isolated {
  compiled: DefinitionsCompiled;
  cacheNotes: string[];
}

/** How long a stuck thread has to say where it is before it is stopped anyway. */
const WHERE_WITHIN_MS = 5000;

const LIMIT_HINT = `the limit is LOOKOUT_TIMEOUT (seconds; ${DEFAULT_TIME_LIMIT_S} unless set)`;

/**
 * Runs the compiler's stages that run the project's code (compileDefinitions) on a thread of
 * their own, and watches it. Each unit of work it reports (a module imported, a stage, an
 * alert's synthesis) gets the time limit; past it, the thread is stopped and the diagnostic
 * names the unit and, when the thread could say, the line it was stuck at. A process.exit, an
 * error thrown from a timer, a promise rejected unawaited or a top-level await that never
 * settles end the thread, not this process, and are reported the same way. Aborting `stop`
 * (the type check found errors) ends the thread and returns no diagnostics of its own.
 */
export function compileIsolated(files: ProjectFiles, cacheDir: string | undefined, timings: { timings: Timings; originEpochMs: number }, stop: AbortSignal): Promise<Isolated> {
  let limitMs: number;
  try {
    limitMs = timeLimitMs();
  } catch (e) {
    if (!(e instanceof TimeLimitError)) throw e;
    return Promise.resolve(failed([{ code: 'load/timeout', severity: 'error', path: '', message: e.message }]));
  }
  const root = files.root;
  const worker = takeThread();
  // lookout's own start (loading the compiler) is not the project's code: not timed.
  let unit: Unit = { doing: 'loading the compiler', untimed: true };
  let timer: NodeJS.Timeout | undefined;
  let settled = false;
  let ended: CompileMessage | undefined;

  return new Promise<Isolated>((resolve, reject) => {
    const finish = (outcome: Isolated | Error, reusable = false) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      stop.removeEventListener('abort', onStop);
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      if (reusable) keepIdle(worker);
      else void worker.terminate();
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    };
    const onStop = () => finish(failed([]));
    stop.addEventListener('abort', onStop);
    if (stop.aborted) return onStop();

    const timedOut = async () => {
      const stuck = unit;
      const at = await pausedAt(worker, WHERE_WITHIN_MS);
      finish(failed([timeoutDiagnostic(stuck, at, limitMs, root)]));
    };
    const onMessage = (m: CompileMessage) => {
      if (m.kind === 'unit') {
        unit = m.unit;
        clearTimeout(timer);
        if (!unit.untimed) timer = setTimeout(() => void timedOut(), limitMs);
      } else if (m.kind === 'result') {
        for (const s of m.spans) timings.timings.spans.push({ ...s, startMs: s.startMs + m.originEpochMs - timings.originEpochMs, endMs: s.endMs + m.originEpochMs - timings.originEpochMs });
        finish({ compiled: m.compiled, cacheNotes: m.cacheNotes }, m.reusable);
      } else if (m.kind === 'crash') {
        finish(new Error(`the compiler failed: ${m.stack}`));
      } else {
        ended = m;
      }
    };
    const onError = (e: Error) => finish(e);
    const onExit = (code: number) => finish(failed([endedDiagnostic(ended, code, unit, root)]));
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    worker.postMessage({ files, cacheDir, env: { ...process.env } } satisfies CompileRequest);
  });
}

/**
 * One compiler thread kept between runs (a process that generates again, such as a watch or
 * a test suite, skips loading the compiler), and only one whose last run left it as it found
 * it. Idle, it does not keep the process alive.
 */
let idle: Worker | undefined;

/** Retired after this many runs: each run's project modules stay in the thread's memory. */
const RUNS_PER_THREAD = 20;
const runs = new WeakMap<Worker, number>();

function takeThread(): Worker {
  const worker = idle ?? startWorker(import.meta.url, 'compileWorker');
  if (worker !== idle) worker.once('exit', () => idle === worker && (idle = undefined));
  idle = undefined;
  worker.ref();
  runs.set(worker, (runs.get(worker) ?? 0) + 1);
  return worker;
}

function keepIdle(worker: Worker): void {
  if (idle || (runs.get(worker) ?? 0) >= RUNS_PER_THREAD) {
    void worker.terminate();
    return;
  }
  worker.unref();
  idle = worker;
}

function failed(diagnostics: Diagnostic[]): Isolated {
  return { compiled: { status: 'errors', diagnostics }, cacheNotes: [] };
}

/** A diagnostic at `at` (where the project's code was), else at the unit's file and line. */
function located(code: string, unit: Unit, at: SourceLocation | undefined, root: string, message: string, hint: string): Diagnostic {
  const where = at ?? (unit.file ? { file: unit.file, line: unit.line, column: unit.column } : undefined);
  const d: Diagnostic = { code, severity: 'error', path: '', message, hint };
  if (where) {
    d.file = relative(root, where.file);
    if (where.line) d.line = where.line;
    if (where.column) d.column = where.column;
  }
  return d;
}

/** `while importing rules/x.ts`: the unit, naming its module when the diagnostic is placed elsewhere. */
function during(unit: Unit, at: SourceLocation | undefined, root: string): string {
  return unit.file && at && at.file !== unit.file ? `${unit.doing} ${relative(root, unit.file)}` : unit.doing;
}

function timeoutDiagnostic(unit: Unit, at: SourceLocation | undefined, limitMs: number, root: string): Diagnostic {
  const still = at ? ', still running here when stopped' : '';
  return located(unit.code ?? 'load/timeout', unit, at, root, `${during(unit, at, root)} took longer than ${formatLimit(limitMs)}${still}: nothing was generated`, unit.code === SYNTHESIS_TIMEOUT_CODE ? SYNTHESIS_TIMEOUT_HINT : `a loop that never ends, or a wait for something that never comes? ${LIMIT_HINT}`);
}

function endedDiagnostic(ended: CompileMessage | undefined, code: number, unit: Unit, root: string): Diagnostic {
  if (ended?.kind === 'exit') {
    return located('load/exit', unit, ended.at, root, `${ended.call ?? `process.exit(${ended.code})`} was called while ${during(unit, ended.at, root)}: nothing was generated`, 'a definition must not end the process: throw an Error to report a problem');
  }
  if (ended?.kind === 'async-throw') {
    const what = ended.rejection ? 'a promise was rejected and nothing awaited it' : 'an error was thrown outside the module\'s own code (from a timer or a callback)';
    // Placed where it was thrown, it needs no "while": the unit running then is chance.
    const when = ended.at ? '' : ` while ${unit.doing}`;
    return located('load/async-throw', unit, ended.at, root, `${what}${when}: ${ended.message}`, 'await the promise, or catch the error where it is thrown');
  }
  if (code === 13) {
    const at = unit.file ? pendingAwait(unit.file) : undefined;
    return located('load/unsettled', unit, at, root, `${during(unit, at, root)} never finished: a top-level await waits for a promise that never settles`, 'make sure every promise awaited at the top level of a module resolves or rejects');
  }
  return located('load/exit', unit, undefined, root, `the definitions' thread stopped (exit code ${code}) while ${unit.doing}: nothing was generated`, 'a definition must not end the process: throw an Error to report a problem');
}
