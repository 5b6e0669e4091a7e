import type { AnyMetric } from '../../src/library/catalog/metric.js';
import type { Catalog } from '../../src/library/catalog/define.js';
import { counter, defineMetrics, gauge, histogram } from '../../src/library/index.js';
import { checkCases } from '../support/checkCases.js';
import { analyzeProject } from './project.js';

/** A project whose one catalog declares `metric` under the key `m`, through the compiler's analyze stage. */
const declared = (metric: AnyMetric) => analyzeProject({ catalogs: [defineMetrics({ job: 'api', metrics: { m: metric } })] });

const requests = (change: Partial<Parameters<typeof counter>[0]> = {}) => counter({ name: 'api_requests_total', help: 'Requests answered by the API.', ...change });
const latency = (change: Partial<Parameters<typeof histogram>[0]> = {}) =>
  histogram({ name: 'api_request_duration_seconds', help: 'Latency of API requests.', unit: 'seconds', buckets: [0.1, 0.5, 1], ...change });
const queue = (change: Partial<Parameters<typeof gauge>[0]> = {}) => gauge({ name: 'api_queue_depth', help: 'Jobs waiting in the queue.', ...change });

checkCases('catalog/base-unit', {
  run: declared,
  pass: [{ name: 'seconds, named _seconds', input: latency() }],
  fail: [
    { name: 'milliseconds', input: latency({ name: 'api_request_duration_ms', unit: 'ms' }), expect: { severity: 'error', path: 'm.unit', message: 'unit "ms" is not a base unit', hint: 'use "seconds"' } },
    { name: 'a non-base unit in the name', input: queue({ name: 'api_queue_wait_minutes' }), expect: { path: 'm.name', message: 'metric name "api_queue_wait_minutes" uses the non-base unit "minutes"' } },
    { name: 'the unit missing from the name', input: latency({ name: 'api_request_duration' }), expect: { path: 'm.name', message: 'metric "api_request_duration" has unit "seconds" but its name does not end in _seconds' } },
  ],
});

checkCases('catalog/buckets', {
  run: declared,
  pass: [{ name: 'increasing bounds', input: latency({ buckets: [0.1, 0.5, 1] }) }],
  fail: [
    { name: 'a bound repeated', input: latency({ buckets: [0.1, 0.5, 0.5] }), expect: { severity: 'error', path: 'm.buckets[2]', message: 'bucket 0.5 is not greater than the one before (0.5)' } },
    { name: '+Inf declared', input: latency({ buckets: [0.1, Infinity] }), expect: { path: 'm.buckets[1]', message: 'bucket Infinity is not finite' } },
    { name: 'no bounds', input: latency({ buckets: [] }), expect: { path: 'm.buckets', message: 'declares no buckets' } },
  ],
});

checkCases('catalog/counter-suffix', {
  run: declared,
  pass: [
    { name: 'a counter ending in _total', input: requests() },
    { name: 'an exporter\'s counter, with the reason', input: requests({ name: 'nginx_http_requests', exporterName: { reason: 'named by nginx-prometheus-exporter' } }) },
  ],
  fail: [
    { name: 'a counter without _total', input: requests({ name: 'api_requests' }), expect: { severity: 'error', path: 'm.name', message: 'counter "api_requests" does not end in _total' } },
    { name: 'an exporter waiver without a reason', input: requests({ name: 'nginx_http_requests', exporterName: { reason: ' ' } }), expect: { path: 'm.exporterName.reason', message: 'waives the _total suffix without a reason' } },
    { name: 'a gauge ending in _total', input: queue({ name: 'api_queue_total' }), expect: { path: 'm.name', message: 'gauge "api_queue_total" ends in _total, which marks counters' } },
  ],
});

const twice = (catalogs: Catalog[]) => analyzeProject({ catalogs });

checkCases('catalog/duplicate-metric', {
  run: twice,
  pass: [
    {
      name: 'a counter and a histogram of different names',
      input: [defineMetrics({ job: 'api', metrics: { requests: requests({ name: 'api_request_duration_seconds_total' }), latency: latency() } })],
    },
  ],
  fail: [
    {
      name: 'a counter named like a histogram\'s _count series',
      input: [defineMetrics({ job: 'api', metrics: { requests: counter({ name: 'api_request_duration_seconds_count', help: 'Requests answered by the API.' }), latency: latency() } })],
      expect: { severity: 'error', path: 'api_request_duration_seconds_count', message: 'series "api_request_duration_seconds_count" is declared twice' },
    },
    {
      name: 'one name in two catalogs',
      input: [defineMetrics({ job: 'api', metrics: { requests: requests() } }), defineMetrics({ job: 'worker', metrics: { requests: requests() } })],
      expect: { path: 'api_requests_total', message: 'is declared twice' },
    },
  ],
});

checkCases('catalog/help', {
  run: declared,
  pass: [{ name: 'a sentence', input: queue({ help: 'Jobs waiting in the queue.' }) }],
  fail: [{ name: 'one word', input: queue({ help: 'Jobs.' }), expect: { severity: 'error', path: 'm.help', message: 'help of "api_queue_depth" is missing or too short' } }],
});

checkCases('catalog/label-name', {
  run: declared,
  pass: [{ name: 'snake_case', input: requests({ labels: { status_code: ['200', '500'] } }) }],
  fail: [
    { name: 'camelCase', input: requests({ labels: { statusCode: ['200', '500'] } }), expect: { severity: 'error', path: 'm.labels.statusCode', message: 'label name "statusCode" is not lower snake_case' } },
    { name: 'job', input: requests({ labels: { job: ['a', 'b'] } }), expect: { path: 'm.labels.job', message: 'label name "job" is reserved' } },
  ],
});

checkCases('catalog/label-values', {
  run: declared,
  pass: [{ name: 'distinct values', input: requests({ labels: { code: ['200', '500'] } }) }],
  fail: [
    { name: 'a value twice', input: requests({ labels: { code: ['200', '500', '200'] } }), expect: { severity: 'error', path: 'm.labels.code', message: 'label "code" lists "200" twice' } },
    { name: 'no values', input: requests({ labels: { code: [] } }), expect: { path: 'm.labels.code', message: 'label "code" has an empty set of values' } },
    { name: 'an empty value', input: requests({ labels: { code: ['200', ''] } }), expect: { path: 'm.labels.code', message: 'label "code" lists an empty value' } },
  ],
});

checkCases('catalog/metric-name', {
  run: declared,
  pass: [{ name: 'lower snake_case', input: queue({ name: 'api_queue_depth' }) }],
  fail: [
    { name: 'camelCase', input: queue({ name: 'apiQueueDepth' }), expect: { severity: 'error', path: 'm.name', message: 'metric name "apiQueueDepth" is not lower snake_case' } },
    { name: 'a colon', input: queue({ name: 'api:queue_depth' }), expect: { path: 'm.name' } },
    { name: 'a double underscore', input: queue({ name: 'api__queue_depth' }), expect: { path: 'm.name' } },
  ],
});

checkCases('catalog/reserved-suffix', {
  run: declared,
  pass: [{ name: 'a gauge named _depth', input: queue({ name: 'api_queue_depth' }) }],
  fail: [
    { name: 'a gauge named _count', input: queue({ name: 'api_queue_count' }), expect: { severity: 'error', path: 'm.name', message: 'metric name "api_queue_count" ends in _count, which histograms add to their series' } },
    { name: 'a gauge named _sum', input: queue({ name: 'api_queue_sum' }), expect: { path: 'm.name', message: 'ends in _sum' } },
  ],
});

checkCases('catalog/type-in-name', {
  run: declared,
  pass: [{ name: 'no type word', input: requests({ name: 'api_requests_total' }) }],
  fail: [{ name: 'the word counter', input: requests({ name: 'api_requests_counter_total' }), expect: { severity: 'error', path: 'm.name', message: 'metric name "api_requests_counter_total" contains the type word "counter"' } }],
});

checkCases('catalog/unbounded-label', {
  run: declared,
  pass: [
    { name: 'an open label of bounded values', input: requests({ labels: { tenant: 'open' } }) },
    { name: 'a user label with a closed set', input: requests({ labels: { user: ['anonymous', 'signed_in'] } }) },
  ],
  fail: [
    { name: 'an open user_id', input: requests({ labels: { user_id: 'open' } }), expect: { severity: 'error', path: 'm.labels.user_id', message: 'label "user_id" on "api_requests_total" is unbounded' } },
    { name: 'an open label ending in _id', input: requests({ labels: { tenant_id: 'open' } }), expect: { severity: 'warning', path: 'm.labels.tenant_id', message: 'looks like an identifier' } },
  ],
});
