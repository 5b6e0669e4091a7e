import { defineCheck, diagnose } from '../../../library/diagnostics/check.js';
import type { Diagnostic } from '../../../library/diagnostics/diagnostic.js';
import type { CodeBook } from './codeBook.js';
import type { IgnoreEntry } from './entry.js';

export const ignoreNotSilenceable = defineCheck({
  id: 'ignore/not-silenceable',
  severity: 'error',
  title: 'Only checks whose problem the tools would accept are silenced',
  why: 'Silencing a problem Prometheus, Alertmanager or promtool refuses would let generate write files that fail to load or tests that cannot pass; the reason would not make them load.',
});

export function notSilenceable(entry: IgnoreEntry, book: CodeBook): Diagnostic | undefined {
  const refusal = book.refusal(entry.code);
  if (refusal === undefined) return undefined;
  return diagnose(ignoreNotSilenceable, { path: entry.path, source: entry.source, message: `${entry.owner} ignores "${entry.code}", which cannot be silenced: ${refusal}`, hint: 'fix the problem instead' });
}
