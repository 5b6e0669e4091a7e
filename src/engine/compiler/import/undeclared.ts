import type { LabelValues } from '../../../library/labels.js';
import { TARGET_LABELS } from '../../../library/labels.js';
import type { MetricIndex } from '../../../library/catalog/metricIndex.js';
import { selectorMetricName, walk, type Expr, type LabelMatcher, type VectorSelector } from '../../../library/promql/ast.js';
import { declaredValues } from './labelValues.js';
import { sourceQueries, type ImportedSLO } from './model.js';
import { camel } from './names.js';
import { parseWindowed } from './rateSum.js';
import { key, str, uniqueName } from './tsLiterals.js';

const HISTOGRAM_SERIES = /_(bucket|count|sum)$/;
const COUNTER_FUNCTIONS = new Set(['rate', 'irate', 'increase', 'resets']);
/** Labels a catalog never declares: Prometheus sets them, or histograms add them. */
const NOT_DECLARED = new Set<string>([...TARGET_LABELS, 'le', '__name__']);
/**
 * The bounds of the Prometheus client libraries' default histogram, for a histogram whose
 * exporter's own bounds the spec does not show: the thresholds the SLIs name are added.
 */
const DEFAULT_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** A metric the spec reads that no catalog declares, as the import would declare it. */
export interface PlannedMetric {
  /** The key under `metrics`. */
  key: string;
  /** The declared name: a histogram's base name. */
  name: string;
  kind: 'counter' | 'gauge' | 'histogram';
  help: string;
  labels: Record<string, LabelValues>;
  unit?: 'seconds' | 'bytes' | undefined;
  buckets?: number[];
  /** A rated counter whose name lacks `_total`: declared with the exporter's name, and why. */
  exporterName?: string | undefined;
  /** The series names queries read (`x_bucket`, `x_count`, or the name itself). */
  series: string[];
}

/** One catalog to declare: the metrics the queries read from one set of scrape jobs. */
export interface PlannedCatalog {
  exportName: string;
  jobs: string[];
  metrics: PlannedMetric[];
}

/** What the import would declare so every query of the spec reads catalog metrics. */
export interface CatalogPlan {
  catalogs: PlannedCatalog[];
  /** The input's file name, for help texts and reasons. */
  source: string;
}

interface Use {
  series: string;
  matchers: LabelMatcher[];
  grouped: string[];
  rated: boolean;
}

interface Gathered {
  name: string;
  kind: PlannedMetric['kind'];
  uses: Use[];
  jobs: Set<string>;
  services: Set<string>;
}

/** Every selector of `expr` naming a metric `index` does not know, with what surrounds it. */
function undeclaredUses(expr: Expr, index: MetricIndex): Use[] {
  const out: Use[] = [];
  walk(expr, (node, ancestors) => {
    if (node.type !== 'vector') return;
    const series = selectorMetricName(node as VectorSelector);
    if (!series || index.get(series)) return;
    const grouped = ancestors.flatMap((a) => (a.type === 'aggregate' && a.grouping?.mode === 'by' ? a.grouping.labels : []));
    const rated = ancestors.some((a) => a.type === 'call' && COUNTER_FUNCTIONS.has(a.func));
    out.push({ series, matchers: node.matchers.filter((m) => m.name !== '__name__'), grouped, rated });
  });
  return out;
}

function queriesOf(slo: ImportedSLO): string[] {
  return sourceQueries(slo.sli).map((q) => q.windowed);
}

function unitOf(stem: string): PlannedMetric['unit'] {
  if (stem.endsWith('_seconds')) return 'seconds';
  if (stem.endsWith('_bytes')) return 'bytes';
  return undefined;
}

function planMetric(g: Gathered, source: string): Omit<PlannedMetric, 'key' | 'help'> {
  const labelNames = new Set<string>();
  for (const u of g.uses) for (const l of [...u.matchers.map((m) => m.name), ...u.grouped]) if (!NOT_DECLARED.has(l)) labelNames.add(l);
  const labels: Record<string, LabelValues> = {};
  for (const l of [...labelNames].sort()) labels[l] = declaredValues(l, g.uses.map((u) => u.matchers.filter((m) => m.name === l)));
  const series = [...new Set(g.uses.map((u) => u.series))].sort();
  if (g.kind === 'histogram') {
    const thresholds = g.uses.flatMap((u) => u.matchers.filter((m) => m.name === 'le' && m.op === '=').map((m) => Number(m.value))).filter((n) => Number.isFinite(n));
    const buckets = [...new Set([...DEFAULT_BUCKETS, ...thresholds])].sort((a, b) => a - b);
    return { name: g.name, kind: 'histogram', labels, unit: unitOf(g.name), buckets, series };
  }
  const stem = g.kind === 'counter' ? g.name.replace(/_total$/, '') : g.name;
  const exporterName = g.kind === 'counter' && !g.name.endsWith('_total') ? `named without _total by its exporter; ${source} rates it as a counter` : undefined;
  return { name: g.name, kind: g.kind, labels, unit: unitOf(stem), exporterName, series };
}

/** `orders-api`, `orders-worker` → `orders`: what jobs of one service share, else all of them. */
function commonPrefix(jobs: readonly string[]): string {
  const split = jobs.map((j) => j.split(/[-_]/));
  const shared: string[] = [];
  for (let i = 0; split.every((s) => i < s.length - 1 && s[i] === split[0]![i]); i++) shared.push(split[0]![i]!);
  return shared.length ? shared.join('-') : jobs.join('-');
}

/**
 * The catalogs that would declare every metric the spec's queries read and no catalog of the
 * project declares: a counter for a rated series (keeping an exporter's name without
 * `_total`, with the reason), a histogram for `_bucket`/`_count`/`_sum` series (the default
 * bounds plus each `le` the queries name), a gauge otherwise. Labels are those the queries
 * match or group on, with values test synthesis can drive (labelValues.ts). Metrics go to the
 * catalog of the jobs the queries select (`job="x"`), or of the SLO's service when they select
 * none. `taken` holds the names the export names must not clash with.
 */
export function planUndeclared(slos: readonly ImportedSLO[], index: MetricIndex, source: string, taken: ReadonlySet<string>): CatalogPlan {
  const gathered = new Map<string, Gathered>();
  for (const slo of slos) {
    for (const query of queriesOf(slo)) {
      const expr = parseWindowed(query);
      if (typeof expr === 'string') continue;
      for (const use of undeclaredUses(expr, index)) {
        const histogram = HISTOGRAM_SERIES.test(use.series);
        const name = histogram ? use.series.replace(HISTOGRAM_SERIES, '') : use.series;
        const kind = histogram ? 'histogram' : use.rated ? 'counter' : 'gauge';
        let g = gathered.get(name);
        if (!g) gathered.set(name, (g = { name, kind, uses: [], jobs: new Set(), services: new Set() }));
        g.uses.push(use);
        g.services.add(slo.service);
        for (const m of use.matchers) if (m.name === 'job' && m.op === '=') g.jobs.add(m.value);
      }
    }
  }
  const byJobs = new Map<string, { jobs: string[]; metrics: Gathered[] }>();
  for (const g of [...gathered.values()].sort((a, b) => a.name.localeCompare(b.name))) {
    const jobs = g.jobs.size > 0 ? [...g.jobs].sort() : [[...g.services].sort()[0]!];
    const key = jobs.join('\n');
    const entry = byJobs.get(key) ?? { jobs, metrics: [] };
    entry.metrics.push(g);
    byJobs.set(key, entry);
  }
  const names = new Set(taken);
  const catalogs = [...byJobs.values()].map(({ jobs, metrics }): PlannedCatalog => {
    const keys = new Set<string>();
    return {
      exportName: uniqueName(camel(commonPrefix(jobs)), names, 'Metrics'),
      jobs,
      metrics: metrics.map((g) => {
        const planned = planMetric(g, source);
        const exposes = jobs.length > 1 ? `the ${jobs.join(', ')} jobs expose` : `the ${jobs[0]} job exposes`;
        return { key: uniqueName(camel(planned.name.replace(/_total$/, '')), keys, 'Metrics'), ...planned, help: `${planned.name} as ${exposes} it, read by the SLOs of ${source}.` };
      }),
    };
  });
  return { catalogs, source };
}

/** One metric's declaration: `counter({ name: ..., help: ..., labels: {...} })`. */
function metricCode(m: PlannedMetric): string {
  const fields = [`name: ${str(m.name)}`, `help: ${str(m.help)}`];
  if (m.unit) fields.push(`unit: ${str(m.unit)}`);
  const labels = Object.entries(m.labels).map(([l, v]) => `${key(l)}: ${v === 'open' ? "'open'" : `[${v.map(str).join(', ')}]`}`);
  if (labels.length) fields.push(`labels: { ${labels.join(', ')} }`);
  if (m.buckets) fields.push(`buckets: [${m.buckets.join(', ')}]`);
  if (m.exporterName) fields.push(`exporterName: { reason: ${str(m.exporterName)} }`);
  return `${m.kind}({ ${fields.join(', ')} })`;
}

/**
 * A catalog's declaration as TypeScript: `export const x = defineMetrics({...});`, one metric
 * a line. The hint prints it on one line, the written module formatted.
 */
export function catalogCode(c: PlannedCatalog): string {
  const jobs = c.jobs.length === 1 ? `job: ${str(c.jobs[0]!)}` : `jobs: [${c.jobs.map(str).join(', ')}]`;
  const metrics = c.metrics.map((m) => `${key(m.key)}: ${metricCode(m)},`);
  return `export const ${c.exportName} = defineMetrics({\n${jobs},\nmetrics: {\n${metrics.join('\n')}\n},\n});`;
}

/** The `lookout` functions a catalog's declaration calls. */
export function catalogImports(catalogs: readonly PlannedCatalog[]): string[] {
  return ['defineMetrics', ...new Set(catalogs.flatMap((c) => c.metrics.map((m) => m.kind)))].sort();
}

/**
 * The hint for a query naming metrics no catalog declares: the catalog to declare them in, as
 * code that passes the catalog checks when pasted, and the import option that writes it.
 * Undefined when the query names none.
 */
export function undeclaredHint(expr: Expr, index: MetricIndex, plan: CatalogPlan): string | undefined {
  const series = new Set(undeclaredUses(expr, index).map((u) => u.series));
  if (series.size === 0) return undefined;
  const catalogs = plan.catalogs.filter((c) => c.metrics.some((m) => m.series.some((s) => series.has(s))));
  const names = [...series].sort();
  const code = catalogs.map((c) => catalogCode(c).replace(/\s*\n\s*/g, ' ').replace(/, \}/g, ' }')).join(' ');
  const them = names.length === 1 ? 'it' : 'them';
  return (
    `lookout generate rejects unknown metrics (${names.join(', ')}), in raw SLIs too. ` +
    `Import again with --write-catalog to declare ${them} in a new catalog module and list it in lookout.config.ts; ` +
    `or declare ${them} yourself, with import { ${catalogImports(catalogs).join(', ')} } from 'lookout': \`${code}\`, ` +
    `list ${catalogs.map((c) => c.exportName).join(', ')} in the config's catalogs, then import again with --force to type the SLI`
  );
}
