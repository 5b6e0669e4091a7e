import { describe, expect, it } from 'vitest';
import { prometheusBuiltins } from '../../src/library/catalog/builtin.js';
import { MetricIndex } from '../../src/library/catalog/metricIndex.js';
import { dashboardReaders, metricReads } from '../../src/engine/compiler/reads.js';
import { checkReadsNeverEmitted } from '../../src/engine/instrumentation/readButNeverEmitted.js';
import { shop } from '../fixtures/mini/metrics.js';
import { good } from '../fixtures/dashboards/shop.js';

describe('lookout lint reads dashboards', () => {
  const index = new MetricIndex([prometheusBuiltins, shop]);
  const dashboards = [{ definition: good(), from: 'dashboards/shop.ts', generated: false }];

  it('counts every panel query as a read of the catalog metrics it selects', () => {
    const readers = dashboardReaders(dashboards, 15_000);
    expect(readers.map((r) => r.name)).toEqual([
      'shop-overview: Requests per second by code',
      'shop-overview: p99 latency by route',
      'shop-overview: Orders queued',
      'shop-overview: Payment breaker',
    ]);
    const reads = metricReads(readers, new Map(), index);
    expect([...new Set(reads.map((r) => r.series))].sort()).toEqual(['shop_breaker_state', 'shop_queue_depth', 'shop_request_duration_seconds_bucket', 'shop_requests_total']);
  });

  it('reports a panel reading a metric the service never records', () => {
    const reads = metricReads(dashboardReaders(dashboards, 15_000), new Map(), index);
    const emitted = new Map([[shop, new Set(['requests', 'duration', 'breaker'])]]);
    const problems = checkReadsNeverEmitted(reads, emitted);
    expect(problems.map((d) => [d.code, d.path, d.message])).toEqual([
      [
        'lint/read-but-never-emitted',
        'shop-overview.panels[3].targets',
        'dashboard "shop-overview: Orders queued" reads "shop_queue_depth", which the shop service never records: the panel stays empty',
      ],
    ]);
  });
});
