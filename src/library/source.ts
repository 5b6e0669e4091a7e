import { findSourceMap } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SourceLocation } from './diagnostics/diagnostic.js';

// The library's own folder (src/library or dist/library): frames inside it are lookout's, not
// the user's, and are skipped when looking for where a definition was written.
const LIBRARY_DIR = path.dirname(fileURLToPath(import.meta.url));

interface Frame {
  file: string;
  line: number;
  column: number;
}

function frames(sites: readonly NodeJS.CallSite[]): Frame[] {
  return sites.flatMap((s) => {
    const file = s.getFileName();
    const line = s.getLineNumber();
    const column = s.getColumnNumber();
    return file && line && column ? [{ file, line, column }] : [];
  });
}

/** The raw call sites of the current stack, read through V8's structured stack API. */
function callSites(): Frame[] {
  const original = Error.prepareStackTrace;
  const limit = Error.stackTraceLimit;
  try {
    Error.stackTraceLimit = 50;
    Error.prepareStackTrace = (_err, sites) => sites;
    return frames(new Error().stack as unknown as NodeJS.CallSite[]);
  } finally {
    Error.prepareStackTrace = original;
    Error.stackTraceLimit = limit;
  }
}

const SITES = Symbol('lookout.callSites');

/** A prepareStackTrace that keeps the structured call sites on the error, then formats as `previous` would. */
function keepingSites(previous: typeof Error.prepareStackTrace): NonNullable<typeof Error.prepareStackTrace> {
  return (error, sites) => {
    if (typeof error === 'object' && error !== null) (error as unknown as Record<symbol, unknown>)[SITES] = sites;
    return previous ? previous(error, sites) : `${String(error)}\n${sites.map((s) => `    at ${String(s)}`).join('\n')}`;
  };
}

/**
 * Runs `fn` with V8 keeping the structured call sites of every error created meanwhile, so
 * `userThrowSite` can map where a definition module threw back to its TypeScript source.
 */
export async function keepingCallSites<T>(fn: () => Promise<T>): Promise<T> {
  const previous = Error.prepareStackTrace;
  Error.prepareStackTrace = keepingSites(previous);
  try {
    return await fn();
  } catch (e) {
    // V8 formats a stack on first access: do it while the hook above is still installed.
    if (e instanceof Error) void e.stack;
    throw e;
  } finally {
    Error.prepareStackTrace = previous;
  }
}

/**
 * Keeps call sites on every error from now on: for a thread that runs definitions and nothing
 * else, where an error thrown later (a timer's, a rejected promise's) must be placed too.
 */
export function keepCallSitesForever(): void {
  Error.prepareStackTrace = keepingSites(Error.prepareStackTrace);
}

// lookout's own code (src/ from the repository, dist/ installed): never where a user's problem is.
const LOOKOUT_DIR = path.dirname(LIBRARY_DIR) + path.sep;

function filePath(frame: Frame): string {
  return frame.file.startsWith('file://') ? fileURLToPath(frame.file) : frame.file;
}

/** The first frame in the project's own files (not a package's, not lookout's), at its TypeScript position. */
function firstProjectFrame(list: readonly Frame[], root: string): SourceLocation | undefined {
  const under = path.resolve(root) + path.sep;
  for (const frame of list) {
    const file = filePath(frame).replace(/\?.*$/, '');
    if (!file.startsWith(under) || file.startsWith(LOOKOUT_DIR) || file.includes(`${path.sep}node_modules${path.sep}`)) continue;
    const mapped = original(frame);
    return { file, line: mapped.line, column: mapped.column };
  }
  return undefined;
}

/**
 * Where in the project's own files `error` was thrown: the innermost frame of its stack there,
 * which may be a module the one being imported imports (a catalog the config reads), or where
 * the user called a library function that threw.
 */
export function userThrowSite(error: unknown, root: string): SourceLocation | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  // V8 formats a stack (and the hook records its call sites) on first access.
  if (error instanceof Error) void error.stack;
  const sites = (error as Record<symbol, NodeJS.CallSite[] | undefined>)[SITES];
  return firstProjectFrame(frames(sites ?? []), root);
}

/** The innermost frame of the current stack in the project's own files: where a definition is running now. */
export function userFrameNow(root: string): SourceLocation | undefined {
  return firstProjectFrame(callSites(), root);
}

/**
 * Maps a position in transpiled code back to the TypeScript the user wrote, through the
 * source map tsx attached to the module. Done here rather than left to Node's stack-trace
 * rewriting, which a test runner or another tool may have replaced.
 */
function original(frame: Frame): Frame {
  const map = findSourceMap(frame.file) ?? (frame.file.startsWith('file://') ? findSourceMap(fileURLToPath(frame.file)) : undefined);
  const entry = map?.findEntry(frame.line - 1, frame.column - 1);
  if (!entry || !('originalLine' in entry)) return frame;
  return { file: frame.file, line: entry.originalLine + 1, column: entry.originalColumn + 1 };
}

/**
 * Where the user called a definition factory (`alert()`, `counter()`, ...): the first stack
 * frame outside the library. Diagnostics use it to print `file:line:col`.
 */
export function captureSource(): SourceLocation | undefined {
  for (const frame of callSites()) {
    let file = frame.file;
    if (file.startsWith('file://')) file = fileURLToPath(file);
    if (!path.isAbsolute(file)) continue;
    if (file.startsWith(LIBRARY_DIR + path.sep) || file.includes(`${path.sep}node_modules${path.sep}`)) continue;
    const mapped = original(frame);
    return { file, line: mapped.line, column: mapped.column };
  }
  return undefined;
}
