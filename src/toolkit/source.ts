import { findSourceMap } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SourceLocation } from './diagnostics/diagnostic.js';

// The toolkit's own folder (src/toolkit or dist/toolkit): frames inside it are lookout's, not
// the user's, and are skipped when looking for where a definition was written.
const TOOLKIT_DIR = path.dirname(fileURLToPath(import.meta.url));

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

/**
 * Runs `fn` with V8 keeping the structured call sites of every error created meanwhile, so
 * `throwSite` can map where a definition module threw back to its TypeScript source.
 */
export async function keepingCallSites<T>(fn: () => Promise<T>): Promise<T> {
  const previous = Error.prepareStackTrace;
  Error.prepareStackTrace = (error, sites) => {
    if (typeof error === 'object' && error !== null) (error as unknown as Record<symbol, unknown>)[SITES] = sites;
    return previous ? previous(error, sites) : `${String(error)}\n${sites.map((s) => `    at ${String(s)}`).join('\n')}`;
  };
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

/** Where in `file` (TypeScript line and column) `error` was thrown, if it passed through it. */
export function throwSite(error: unknown, file: string): { line: number; column: number } | undefined {
  if (!(error instanceof Error)) return undefined;
  const sites = (error as unknown as Record<symbol, NodeJS.CallSite[] | undefined>)[SITES];
  for (const frame of frames(sites ?? [])) {
    const path_ = frame.file.startsWith('file://') ? fileURLToPath(frame.file) : frame.file;
    if (path_ !== file) continue;
    const mapped = original(frame);
    return { line: mapped.line, column: mapped.column };
  }
  return undefined;
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
 * frame outside the toolkit. Diagnostics use it to print `file:line:col`.
 */
export function captureSource(): SourceLocation | undefined {
  for (const frame of callSites()) {
    let file = frame.file;
    if (file.startsWith('file://')) file = fileURLToPath(file);
    if (!path.isAbsolute(file)) continue;
    if (file.startsWith(TOOLKIT_DIR + path.sep) || file.includes(`${path.sep}node_modules${path.sep}`)) continue;
    const mapped = original(frame);
    return { file, line: mapped.line, column: mapped.column };
  }
  return undefined;
}
