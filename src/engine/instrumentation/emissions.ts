import { Node, SyntaxKind, type CallExpression, type SourceFile } from 'ts-morph';
import { declaredIn, isLibraryModule } from './symbols.js';
import type { InstrumentTracer, Trace } from './trace.js';

/** The methods of the library's instruments that write a sample (startTimer's end observes). */
export const RECORDING_METHODS: ReadonlySet<string> = new Set(['inc', 'dec', 'set', 'setState', 'setToCurrentTime', 'observe', 'startTimer']);

/** A call of a recording method on a library instrument, with the catalog entries it may record. */
export interface RecordingCall {
  readonly call: CallExpression;
  readonly method: string;
  readonly trace: Trace;
}

/**
 * Every recording call in `file`: `x.inc(...)` where `inc` is declared by the library's
 * instrument types (so a prom-client counter's own `inc` or an unrelated `set` does not count).
 */
export function recordingCalls(file: SourceFile, tracer: InstrumentTracer): RecordingCall[] {
  const out: RecordingCall[] = [];
  for (const call of file.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    const callee = call.getExpression();
    if (!Node.isPropertyAccessExpression(callee)) continue;
    const method = callee.getName();
    if (!RECORDING_METHODS.has(method)) continue;
    if (!declaredIn(callee.getNameNode().getSymbol(), (f) => isLibraryModule(f, 'catalog/promClient'))) continue;
    out.push({ call, method, trace: tracer.expression(callee.getExpression()) });
  }
  return out;
}

/** `instrument(catalog).requests.inc(...)`: how a metric of this type is recorded, for hints. */
export function howToRecord(key: string, type: 'counter' | 'gauge' | 'histogram'): string {
  const method = type === 'counter' ? 'inc' : type === 'gauge' ? 'set' : 'observe';
  return `instrument(catalog).${key}.${method}(...)`;
}
