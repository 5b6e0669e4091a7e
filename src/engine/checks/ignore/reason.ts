import { defineCheck, diagnose } from '../../../library/diagnostics/check.js';
import type { Diagnostic } from '../../../library/diagnostics/diagnostic.js';
import type { IgnoreEntry } from './entry.js';

export const ignoreReason = defineCheck({
  id: 'ignore/reason',
  severity: 'error',
  title: 'Every `ignore` entry says why, in a non-empty string',
  why: 'A silenced check without a reason cannot be judged later: nobody knows whether it still applies, so nobody dares remove it.',
});

export function missingReason(entry: IgnoreEntry): Diagnostic | undefined {
  if (typeof entry.reason === 'string' && entry.reason.trim() !== '') return undefined;
  return diagnose(ignoreReason, {
    path: entry.path,
    source: entry.source,
    message: `${entry.owner} ignores "${entry.code}" without a reason`,
    hint: `write why the check does not apply here: { '${entry.code}': '...' }`,
  });
}
