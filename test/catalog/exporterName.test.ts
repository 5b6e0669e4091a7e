import { describe, expect, it } from 'vitest';
import { counter, defineMetrics, gauge } from '../../src/library/index.js';
import { prometheusBuiltins } from '../../src/library/catalog/builtin.js';
import { checkCatalogs } from '../../src/library/catalog/checks/index.js';
import { MetricIndex } from '../../src/library/catalog/metricIndex.js';
import type { AnyMetric } from '../../src/library/catalog/metric.js';
import { checkQuery } from '../../src/library/queries/checks/index.js';
import { goSemantics } from '../../src/engine/compiler/semantics.js';

function project(metrics: Record<string, AnyMetric>) {
  const catalog = defineMetrics({ job: 'nginx', metrics });
  const index = new MetricIndex([prometheusBuiltins, catalog]);
  return {
    catalogProblems: checkCatalogs([catalog], index).map((d) => `${d.severity} ${d.code} ${d.path}: ${d.message}`),
    queryProblems: (query: string) => checkQuery(query, { index, scrapeIntervalMs: 15_000, evaluationIntervalMs: 60_000, path: 'T.expr', semantics: goSemantics }).diagnostics.map((d) => `${d.code}: ${d.message}`),
  };
}

describe('a counter an exporter named without _total', () => {
  it('is declared as a counter with the reason, passes the catalog checks and can be rated', () => {
    const { catalogProblems, queryProblems } = project({
      requests: counter({ name: 'nginx_http_requests', help: 'Client requests nginx has answered.', exporterName: { reason: 'named by nginx-prometheus-exporter' } }),
    });
    expect(catalogProblems).toEqual([]);
    expect(queryProblems('sum(rate(nginx_http_requests[5m])) > 10')).toEqual([]);
    // What the opt-out is for: without it the only other declaration, a gauge, cannot be rated.
    expect(queryProblems('nginx_http_requests > 10')).toEqual(['promql/counter-without-rate: counter "nginx_http_requests" is used without rate()']);
  });

  it.each([
    ['an empty reason', { reason: '' }],
    ['a blank reason', { reason: '   ' }],
  ])('is an error with %s', (_name, exporterName) => {
    const { catalogProblems } = project({ requests: counter({ name: 'nginx_http_requests', help: 'Client requests nginx has answered.', exporterName }) });
    expect(catalogProblems).toEqual(['error catalog/counter-suffix requests.exporterName.reason: counter "nginx_http_requests" waives the _total suffix without a reason']);
  });

  it('is an error without the opt-out, and the hint shows it', () => {
    const catalog = defineMetrics({ job: 'nginx', metrics: { requests: counter({ name: 'nginx_http_requests', help: 'Client requests nginx has answered.' }) } });
    const [d] = checkCatalogs([catalog], new MetricIndex([catalog]));
    expect(d).toMatchObject({ code: 'catalog/counter-suffix', severity: 'error', message: 'counter "nginx_http_requests" does not end in _total' });
    expect(d!.hint).toContain("exporterName: { reason: 'named by <exporter>' }");
  });

  it('warns when the name ends in _total after all: the waiver is stale', () => {
    const { catalogProblems } = project({ requests: counter({ name: 'nginx_http_requests_total', help: 'Client requests nginx has answered.', exporterName: { reason: 'named by nginx-prometheus-exporter' } }) });
    expect(catalogProblems).toEqual(['warning catalog/counter-suffix requests.exporterName: counter "nginx_http_requests_total" ends in _total: its exporterName waiver is not needed']);
  });

  it('keeps the reason on the counter, and is a counter option only', () => {
    const c = counter({ name: 'nginx_connections_accepted', help: 'Client connections nginx has accepted.', exporterName: { reason: 'named by nginx-prometheus-exporter' } });
    expect(c.exporterName).toEqual({ reason: 'named by nginx-prometheus-exporter' });
    // @ts-expect-error a gauge is never rated, so it has no suffix to waive
    gauge({ name: 'nginx_connections_active', help: 'Client connections open now.', exporterName: { reason: 'named by nginx-prometheus-exporter' } });
  });
});
