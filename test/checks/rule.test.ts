import type { RecordingRule } from '../../src/library/alerts/define.js';
import { record } from '../../src/library/index.js';
import { rate, sum } from '../../src/library/promql.js';
import { shop } from '../fixtures/mini/metrics.js';
import { checkCases } from '../support/checkCases.js';
import { analyzeRules } from './project.js';

const byRoute = sum(rate(shop.metrics.requests, '5m')).by('route');


checkCases('rule/duplicate-record', {
  run: (rules: RecordingRule[]) => analyzeRules(...rules),
  pass: [
    {
      name: 'one name written with two label sets',
      input: [record({ name: 'route:shop_requests:rate5m', expr: byRoute, labels: { window: '5m' } }), record({ name: 'route:shop_requests:rate5m', expr: byRoute, labels: { window: '5m-copy' } })],
    },
  ],
  fail: [
    {
      name: 'one name written twice with the same labels',
      input: [record({ name: 'route:shop_requests:rate5m', expr: byRoute, labels: { window: '5m' } }), record({ name: 'route:shop_requests:rate5m', expr: byRoute, labels: { window: '5m' } })],
      expect: { severity: 'error', path: 'route:shop_requests:rate5m.name', message: 'recording rule "route:shop_requests:rate5m" with the same labels is defined twice' },
    },
  ],
});

checkCases('rule/record-labels', {
  run: (rules: RecordingRule[]) => analyzeRules(...rules),
  pass: [{ name: 'a valid label', input: [record({ name: 'route:shop_requests:rate5m', expr: byRoute, labels: { window: '5m' } })] }],
  fail: [
    {
      name: '__name__',
      input: [record({ name: 'route:shop_requests:rate5m', expr: byRoute, labels: { __name__: 'x' } })],
      expect: { severity: 'error', path: 'route:shop_requests:rate5m.labels.__name__', message: 'a recording rule cannot set __name__' },
    },
    { name: 'a dash in a label name', input: [record({ name: 'route:shop_requests:rate5m', expr: byRoute, labels: { 'rate-window': '5m' } })], expect: { path: 'route:shop_requests:rate5m.labels.rate-window', message: '"rate-window" is not a valid label name' } },
  ],
});

checkCases('rule/record-name', {
  run: (rules: RecordingRule[]) => analyzeRules(...rules),
  pass: [{ name: 'level:metric:operations', input: [record({ name: 'route:shop_requests:rate5m', expr: byRoute })] }],
  fail: [
    { name: 'no colon', input: [record({ name: 'shop_requests_rate5m', expr: byRoute })], expect: { severity: 'error', path: 'shop_requests_rate5m.name', message: 'recording rule "shop_requests_rate5m" has no colon', hint: 'level:metric:operations' } },
    { name: 'two parts', input: [record({ name: 'route:shop_requests_rate5m', expr: byRoute })], expect: { severity: 'warning', message: '"route:shop_requests_rate5m" does not follow level:metric:operations' } },
    { name: 'not a metric name', input: [record({ name: 'route:shop-requests:rate5m', expr: byRoute })], expect: { severity: 'error', message: '"route:shop-requests:rate5m" is not a valid metric name' } },
  ],
});
