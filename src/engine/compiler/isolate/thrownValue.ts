import type { SourceLocation } from '../../../library/diagnostics/diagnostic.js';
import { locationAt, readSource } from './sourceText.js';

/** A thrown value that is not an Error, as a message says it: `'x'` (a string), `undefined`. */
export function describeThrown(value: unknown): string {
  if (value instanceof Error) return value.message;
  if (typeof value === 'string') return `${JSON.stringify(value)} (a string thrown, not an Error)`;
  if (typeof value === 'object' && value !== null) {
    let json: string | undefined;
    try {
      json = JSON.stringify(value);
    } catch {
      json = undefined;
    }
    return `${json ?? Object.prototype.toString.call(value)} (an object thrown, not an Error)`;
  }
  return `${String(value)}${typeof value === 'bigint' ? 'n' : ''} (${value === undefined || value === null ? String(value) : `a ${typeof value}`} thrown, not an Error)`;
}

/** How a literal `value` can be written after `throw`; none for values no literal writes. */
function literalForms(value: unknown): string[] {
  if (typeof value === 'string') return ["'", '"', '`'].map((q) => `${q}${value}${q}`);
  if (value === undefined) return ['undefined', 'void 0'];
  if (typeof value === 'bigint') return [`${value}n`];
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return [String(value)];
  return [];
}

const THROW = /\bthrow\s+/g;

/** Each `throw` of a file: where it is, and the source text that follows it. */
function throwsIn(file: string): Array<{ after: string; index: number; source: string }> {
  const source = readSource(file);
  if (source === undefined) return [];
  return [...source.matchAll(THROW)].map((m) => ({ after: source.slice(m.index + m[0].length, m.index + m[0].length + 4096), index: m.index, source }));
}

/** Whether `text` (what follows a `throw`) is `form` as a whole expression: `throw 'x';`, `throw 'x' }`, not `throw 'x' + y`. */
function throwsLiterally(text: string, form: string): boolean {
  return text.startsWith(form) && /^\s*(;|\}|\)|$|\n)/.test(text.slice(form.length));
}

/**
 * Where a value without a stack (`throw 'x'`, `throw undefined`) was thrown: the `throw` that
 * writes it literally, in `files` (the module being imported first, then what it imported);
 * else the only `throw` of the module being imported. A guess from the source text, made only
 * when the value itself says nothing.
 */
export function throwStatementOf(value: unknown, files: readonly string[]): SourceLocation | undefined {
  const forms = literalForms(value);
  for (const file of files) {
    const found = throwsIn(file).find((t) => forms.some((f) => throwsLiterally(t.after, f)));
    if (found) return locationAt(file, found.source, found.index);
  }
  const own = files[0] === undefined ? [] : throwsIn(files[0]);
  return own.length === 1 ? locationAt(files[0]!, own[0]!.source, own[0]!.index) : undefined;
}
