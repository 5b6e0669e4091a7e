import { defineCheck, diagnose } from '../../../library/diagnostics/check.js';
import type { Diagnostic } from '../../../library/diagnostics/diagnostic.js';
import { didYouMean } from '../../../library/text.js';
import type { CodeBook } from './codeBook.js';
import type { IgnoreEntry } from './entry.js';

export const ignoreUnknownCode = defineCheck({
  id: 'ignore/unknown-code',
  severity: 'error',
  title: 'Every `ignore` entry names a code lookout reports',
  why: 'A misspelt code silences nothing, and the check it meant keeps reporting, or worse, the misspelling hides that the entry is stale.',
});

export function unknownCode(entry: IgnoreEntry, book: CodeBook): Diagnostic | undefined {
  if (book.codes.includes(entry.code) || /^typescript\/TS\d+$/.test(entry.code)) return undefined;
  return diagnose(ignoreUnknownCode, {
    path: entry.path,
    source: entry.source,
    message: `${entry.owner} ignores "${entry.code}", which is not a code lookout reports`,
    hint: didYouMean(entry.code, book.codes) ?? '`lookout checks` lists every code',
  });
}
