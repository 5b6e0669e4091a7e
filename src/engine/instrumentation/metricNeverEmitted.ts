import { defineCheck, diagnose } from '../../library/diagnostics/check.js';
import type { Diagnostic } from '../../library/diagnostics/diagnostic.js';
import type { LocatedCatalog } from './catalogEntries.js';
import { howToRecord } from './emissions.js';
import { sourceOf } from './program.js';

export const metricNeverEmitted = defineCheck({
  id: 'lint/metric-never-emitted',
  severity: 'error',
  title: 'Every catalog metric is recorded somewhere in its service',
  why: 'A catalog entry nobody records is a promise the service does not keep: the series never appears, and every query, alert and panel built on it reads nothing.',
});

/**
 * Each entry of `located` that no recording call of its service records, reported at the
 * entry in the catalog. `sources` names the service's folders in the message; `untraced`
 * counts the recording calls that could not be followed, which may be the missing ones.
 */
export function checkMetricsNeverEmitted(located: LocatedCatalog, emitted: ReadonlySet<string>, sources: string, untraced: number): Diagnostic[] {
  return located.entries
    .filter((e) => !emitted.has(e.key))
    .map((e) =>
      diagnose(metricNeverEmitted, {
        path: e.key,
        source: sourceOf(e.declaration),
        message: `"${e.metric.info.name}" is never recorded: no source of the ${located.catalog.job} service (${sources}) records its instrument`,
        hint:
          `record it with ${howToRecord(e.key, e.metric.type)}, or remove it from the catalog` +
          (untraced > 0 ? `; ${untraced} recording call${untraced === 1 ? '' : 's'} could not be traced (lint/untraced-recording)` : ''),
      }),
    );
}
