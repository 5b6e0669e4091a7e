import type { SourceLocation } from '../../../library/diagnostics/diagnostic.js';
import type { Span } from '../timings.js';
import type { DefinitionsCompiled } from '../pipeline.js';
import type { Unit } from './progress.js';

/** What the isolated compiler is given. */
export interface CompileRequest {
  files: import('../discover.js').ProjectFiles;
  /** The cache's folder, or none to run without it. */
  cacheDir?: string;
  /** The environment the run sees: the watching thread's at the time of the request. */
  env: Record<string, string | undefined>;
}

/** What the isolated compiler's thread says to the thread watching it. */
export type CompileMessage =
  | { kind: 'unit'; unit: Unit }
  /** `reusable`: the run left the thread as it found it (threadState.ts), so it can take the next. */
  | { kind: 'result'; compiled: DefinitionsCompiled; cacheNotes: string[]; spans: Span[]; originEpochMs: number; reusable: boolean }
  /** The project's code called process.exit (or `call`, which would have ended the process too), from `at`. */
  | { kind: 'exit'; code: number; at?: SourceLocation; call?: string }
  /** An error nothing caught: thrown from a timer or callback, or a rejected promise nobody awaited. */
  | { kind: 'async-throw'; rejection: boolean; message: string; at?: SourceLocation }
  /** lookout itself failed: a bug, reported as an internal error. */
  | { kind: 'crash'; stack: string };
