import { describe, expect, it } from 'vitest';
import { counter, defineMetrics, gauge, histogram } from '../../src/library/index.js';
import { prometheusBuiltins } from '../../src/library/catalog/builtin.js';
import { checkCatalogs } from '../../src/library/catalog/checks/index.js';
import { MetricIndex } from '../../src/library/catalog/metricIndex.js';
import type { AnyMetric } from '../../src/library/catalog/metric.js';

function lint(metrics: Record<string, AnyMetric>) {
  const catalog = defineMetrics({ job: 'test', metrics });
  const index = new MetricIndex([prometheusBuiltins, catalog]);
  return checkCatalogs([catalog], index).map((d) => `${d.severity} ${d.code} ${d.path}: ${d.message}`);
}

describe('catalog conventions', () => {
  it('accept a catalog that follows them', () => {
    expect(
      lint({
        requests: counter({ name: 'api_requests_total', help: 'Requests answered.', labels: { code: ['200', '500'] } }),
        latency: histogram({ name: 'api_request_duration_seconds', help: 'Request latency.', unit: 'seconds', buckets: [0.1, 1] }),
        lastSeen: gauge({ name: 'api_last_seen_timestamp_seconds', help: 'Last time a client was seen.', unit: 'seconds' }),
      }),
    ).toEqual([]);
  });

  it.each([
    ['a counter without _total', counter({ name: 'api_requests', help: 'Requests answered.' }), 'error catalog/counter-suffix x.name: counter "api_requests" does not end in _total'],
    ['a gauge ending in _total', gauge({ name: 'api_open_total', help: 'Open connections now.' }), 'error catalog/counter-suffix x.name: gauge "api_open_total" ends in _total, which marks counters'],
    ['the type in the name', counter({ name: 'api_requests_counter_total', help: 'Requests answered.' }), 'error catalog/type-in-name x.name: metric name "api_requests_counter_total" contains the type word "counter"'],
    ['milliseconds as a unit', histogram({ name: 'api_latency_ms', help: 'Request latency.', unit: 'ms', buckets: [10] }), 'error catalog/base-unit x.unit: unit "ms" is not a base unit'],
    ['a unit missing from the name', histogram({ name: 'api_latency', help: 'Request latency.', unit: 'seconds', buckets: [1] }), 'error catalog/base-unit x.name: metric "api_latency" has unit "seconds" but its name does not end in _seconds'],
    ['camelCase', gauge({ name: 'apiQueueDepth', help: 'Jobs waiting in queue.' }), 'error catalog/metric-name x.name: metric name "apiQueueDepth" is not lower snake_case'],
    ['a reserved suffix on a gauge', gauge({ name: 'api_jobs_count', help: 'Jobs waiting in queue.' }), 'error catalog/reserved-suffix x.name: metric name "api_jobs_count" ends in _count, which histograms add to their series'],
    ['missing help', gauge({ name: 'api_jobs', help: '' }), 'error catalog/help x.help: help of "api_jobs" is missing or too short'],
    ['a per-user label', counter({ name: 'api_requests_total', help: 'Requests answered.', labels: { user_id: 'open' } }), 'error catalog/unbounded-label x.labels.user_id: label "user_id" on "api_requests_total" is unbounded (one series per user, key or request)'],
    ['an id-like open label', counter({ name: 'api_requests_total', help: 'Requests answered.', labels: { tenant_id: 'open' } }), 'warning catalog/unbounded-label x.labels.tenant_id: label "tenant_id" on "api_requests_total" looks like an identifier'],
    ['a job label', counter({ name: 'api_requests_total', help: 'Requests answered.', labels: { job: 'open' } }), "error catalog/label-name x.labels.job: label name \"job\" is reserved: Prometheus sets it from the scrape config; the metric's own value becomes exported_job"],
    ['unsorted buckets', histogram({ name: 'api_size_bytes', help: 'Body sizes seen.', unit: 'bytes', buckets: [10, 5] }), 'error catalog/buckets x.buckets[1]: bucket 5 is not greater than the one before (10)'],
    ['an empty closed set', counter({ name: 'api_requests_total', help: 'Requests answered.', labels: { code: [] } }), "error catalog/label-values x.labels.code: label \"code\" has an empty set of values"],
  ])('report %s', (_name, metric, expected) => {
    expect(lint({ x: metric as AnyMetric })).toContain(expected);
  });

  it('report a series name declared twice across a counter and a histogram', () => {
    const out = lint({
      a: counter({ name: 'api_request_duration_seconds_count', help: 'Requests answered.' }),
      b: histogram({ name: 'api_request_duration_seconds', help: 'Request latency.', unit: 'seconds', buckets: [1] }),
    });
    expect(out).toContain('error catalog/duplicate-metric api_request_duration_seconds_count: series "api_request_duration_seconds_count" is declared twice');
  });
});
