import type { Catalog } from '../../library/catalog/define.js';
import { defineCheck, diagnose } from '../../library/diagnostics/check.js';
import type { Diagnostic } from '../../library/diagnostics/diagnostic.js';
import { howToRecord } from './emissions.js';
import type { MetricRead, Reader } from './readers.js';

export const readButNeverEmitted = defineCheck({
  id: 'lint/read-but-never-emitted',
  severity: 'error',
  title: 'Every catalog metric an alert, recording rule, SLO or dashboard reads is recorded by its service',
  why: 'An alert on a metric nobody emits can never fire, an SLO on one never burns budget, and a panel on one stays empty; all of them look healthy.',
});

/** What reading a series nobody writes does to each kind of reader. */
const CONSEQUENCE: Record<Reader['kind'], string> = {
  alert: 'an alert on a metric nobody emits can never fire',
  'recording rule': 'the rule records nothing',
  SLO: 'its SLI has no data, so it never burns budget and never alerts',
  dashboard: 'the panel stays empty',
};

/**
 * Each read of a catalog metric that the catalog's service never records, once per reader
 * and metric, at the reader's definition. `emitted` holds, for each catalog that has a
 * service, the keys of its recorded entries; catalogs without one are not judged.
 */
export function checkReadsNeverEmitted(reads: readonly MetricRead[], emitted: ReadonlyMap<Catalog, ReadonlySet<string>>): Diagnostic[] {
  const out: Diagnostic[] = [];
  const reported = new Set<string>();
  for (const read of reads) {
    const recorded = emitted.get(read.catalog);
    const key = Object.entries(read.catalog.metrics).find(([, m]) => m === read.metric)?.[0];
    if (!recorded || key === undefined || recorded.has(key)) continue;
    const once = `${read.reader.kind}\0${read.reader.name}\0${key}`;
    if (reported.has(once)) continue;
    reported.add(once);
    const through = read.via ? ` through recording rule "${read.via}"` : '';
    const series = read.series === read.metric.info.name ? `"${read.series}"` : `"${read.series}" (histogram "${read.metric.info.name}")`;
    out.push(
      diagnose(readButNeverEmitted, {
        path: read.reader.path,
        source: read.reader.source,
        snippet: read.snippet,
        message: `${read.reader.kind} "${read.reader.name}" reads ${series}${through}, which the ${read.catalog.job} service never records: ${CONSEQUENCE[read.reader.kind]}`,
        hint: `record it in the service with ${howToRecord(key, read.metric.type)}, or stop reading it`,
      }),
    );
  }
  return out;
}
