import { defineCheck, diagnose } from '../../../library/diagnostics/check.js';
import type { Diagnostic } from '../../../library/diagnostics/diagnostic.js';
import type { IgnoreEntry } from './entry.js';

export const ignoreUnused = defineCheck({
  id: 'ignore/unused',
  severity: 'warning',
  title: 'Every `ignore` entry silences something',
  why: 'An entry that silences nothing is stale (the problem was fixed, the definition renamed); left in place it would silence the next, unrelated problem of that code without anyone deciding to.',
});

export function unusedEntry(entry: IgnoreEntry): Diagnostic {
  return diagnose(ignoreUnused, {
    path: entry.path,
    source: entry.source,
    message: `${entry.owner} ignores "${entry.code}", but no such problem was found`,
    hint: 'remove the entry',
  });
}
