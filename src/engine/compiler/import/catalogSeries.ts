import type { MetricIndex } from '../../../library/catalog/metricIndex.js';
import type { HistogramMetric } from '../../../library/catalog/metric.js';
import { selectorMetricName, type LabelMatcher, type VectorSelector } from '../../../library/promql/ast.js';
import type { CatalogExport, ProjectCatalog } from './catalogs.js';
import { catalogJobs } from '../../../library/catalog/define.js';

/** A catalog metric as generated code reaches it: `<export>.metrics.<key>`. */
export interface MetricRef {
  catalog: CatalogExport;
  key: string;
}

/** One series of a catalog metric with matchers: `shop.metrics.duration.count.where({...})`. */
export interface SeriesRef extends MetricRef {
  part?: 'count' | 'bucket' | undefined;
  matchers: LabelMatcher[];
  /** The series' name, for messages. */
  name: string;
  /** Label name → declared values (undefined when open), `job` and `instance` included. */
  labels: ReadonlyMap<string, readonly string[] | undefined>;
  /** Set for a histogram's series. */
  histogram?: HistogramMetric | undefined;
}

function declared(labels: ReadonlyMap<string, unknown>): string {
  return [...labels.keys()].sort().join(', ');
}

/**
 * The catalog counter a selector reads, with matchers the typed `where()` accepts, or why
 * there is none: an unknown metric or label, a value the label does not declare, a gauge.
 */
export function catalogSeries(selector: VectorSelector, index: MetricIndex, catalogs: readonly ProjectCatalog[]): SeriesRef | string {
  const name = selectorMetricName(selector);
  if (!name) return 'the selector names no metric';
  const info = index.get(name);
  if (!info || info.origin.kind !== 'metric') return `metric ${name} is not in the catalog`;
  const { metric, catalog, part } = info.origin;
  if (info.type !== 'counter') return `${name} is a ${info.type}, not a counter`;
  if (part === 'sum') return `${name} adds up observed values; it does not count events`;
  const owner = catalogs.find((c) => c.catalog === catalog);
  if (!owner?.from) return `the catalog declaring ${name} is not imported by name in lookout.config.ts, so it cannot be imported here`;
  const key = Object.entries(catalog.metrics).find(([, m]) => m === metric)![0];
  const matchers: LabelMatcher[] = [];
  for (const m of selector.matchers) {
    if (m.name === '__name__') {
      if (m.op === '=' && !selector.name) continue;
      return 'the selector matches on __name__';
    }
    if (!info.labels.has(m.name)) return `${name} has no label "${m.name}" (declared: ${declared(info.labels)})`;
    const values = info.labels.get(m.name);
    const jobs = catalogJobs(catalog);
    if (m.name === 'job' && m.op === '=' && !jobs.includes(m.value)) {
      const listed = jobs.map((j) => `'${j}'`).join(', ');
      return `job="${m.value}" is not a job the catalog's metrics are scraped as (${listed}); if ${name} is scraped from it too, declare the catalog with jobs: [${listed}, '${m.value}']`;
    }
    if (values && (m.op === '=' || m.op === '!=') && !values.includes(m.value)) return `"${m.value}" is not a declared value of label "${m.name}" on ${name} (${values.join(', ')})`;
    matchers.push({ name: m.name, op: m.op, value: m.value });
  }
  return { catalog: owner.from, key, part, matchers, name, labels: info.labels, histogram: metric.type === 'histogram' ? metric : undefined };
}
