import type { MetricIndex } from '../../toolkit/catalog/metricIndex.js';
import { TARGET_LABELS } from '../../toolkit/catalog/labels.js';
import { selectorMetricName, walk, type Expr, type VectorSelector } from '../../toolkit/promql/ast.js';

const HISTOGRAM_SERIES = /_(bucket|count|sum)$/;

/** The catalog entry a user would write for `key`, with the labels the query matches on. */
function declaration(key: string, labels: readonly string[]): string {
  const spec = labels.length ? `, labels: { ${labels.map((l) => `${l}: 'open'`).join(', ')} }` : '';
  const [kind, name] = key.split(' ') as [string, string];
  if (kind === 'histogram') return `histogram({ name: '${name}', help: '…'${spec}, buckets: [/* the exporter's bounds */] })`;
  return `counter({ name: '${name}', help: '…'${spec} })`;
}

/**
 * Metrics a query reads that neither a catalog nor Prometheus itself declares, with a hint
 * showing how to declare them. `lookout generate` rejects a query naming one, even in a raw
 * SLI, so the import says so up front instead of leaving it to the next generate.
 */
export function undeclaredMetrics(expr: Expr, index: MetricIndex): { names: string[]; hint: string } | undefined {
  const names = new Set<string>();
  // `x_count` and `x_bucket` are one histogram to declare: keyed `histogram x`, else `counter x`.
  const labels = new Map<string, Set<string>>();
  walk(expr, (node) => {
    if (node.type !== 'vector') return;
    const name = selectorMetricName(node as VectorSelector);
    if (!name || index.get(name)) return;
    names.add(name);
    const key = HISTOGRAM_SERIES.test(name) ? `histogram ${name.replace(HISTOGRAM_SERIES, '')}` : `counter ${name}`;
    const own = labels.get(key) ?? new Set<string>();
    for (const m of node.matchers) if (m.name !== '__name__' && m.name !== 'le' && !(TARGET_LABELS as readonly string[]).includes(m.name)) own.add(m.name);
    labels.set(key, own);
  });
  if (names.size === 0) return undefined;
  const examples = [...labels.keys()].sort().map((k) => declaration(k, [...labels.get(k)!].sort()));
  return {
    names: [...names].sort(),
    hint: `lookout generate rejects unknown metrics, in raw SLIs too: declare ${names.size === 1 ? 'it' : 'them'} in a catalog (${examples.join('; ')}), then import again with --force to type the SLI`,
  };
}
