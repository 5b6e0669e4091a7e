/**
 * What the compiler is doing, for the thread that watches it (isolate/compileIsolated.ts):
 * when time runs out or the thread dies, the unit last reported is what the diagnostic names.
 * Without a watcher (a command that loads definitions in its own thread) reports go nowhere.
 */
import type { SourceLocation } from '../../../library/diagnostics/diagnostic.js';

export interface Unit {
  /** What is running, as a diagnostic says it: `importing the module`, `compiling the runbooks`. */
  doing: string;
  /** The definition module or template it runs, absolute; and where, when known. */
  file?: string;
  line?: number;
  column?: number;
  /** The diagnostic code of running past the time limit, when not `load/timeout`. */
  code?: string;
  /** Work that keeps its own time limit (test synthesis on worker threads): the watcher waits. */
  untimed?: boolean;
}

let sink: ((unit: Unit) => void) | undefined;
let alertSources = new Map<string, SourceLocation>();

/** Where reports go: set once by the isolated compiler's thread. */
export function reportUnitsTo(to: (unit: Unit) => void): void {
  sink = to;
}

let current: Unit | undefined;

/** Reports that `unit` starts now; it lasts until the next report. */
export function working(unit: Unit): void {
  current = unit;
  sink?.(unit);
}

/** The unit last reported. */
export function currentUnit(): Unit | undefined {
  return current;
}

/** Where each alert is defined, so that work named by an alert (its tests) is reported at it. */
export function knowAlertSources(sources: Iterable<readonly [string, SourceLocation]>): void {
  alertSources = new Map(sources);
}

/** The unit of work on alert `name`: at its definition when known. */
export function alertUnit(doing: string, name: string): Unit {
  const at = alertSources.get(name);
  return { doing, ...(at ? { file: at.file, line: at.line, column: at.column } : {}) };
}
