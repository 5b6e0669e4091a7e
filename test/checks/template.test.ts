import type { AlertRule } from '../../src/library/alerts/define.js';
import { checkCases } from '../support/checkCases.js';
import { analyzeRules } from './project.js';
import { shopAlert } from './shopAlert.js';


checkCases('template/label-dropped', {
  run: (rule: AlertRule) => analyzeRules(rule),
  pass: [
    { name: 'a label the query keeps', input: shopAlert({ description: 'Route {{ $labels.route }} is busy.' }) },
    { name: 'a label the query keeps, in an annotation', input: shopAlert({ annotations: { route: '{{ $labels.route }}' } }) },
  ],
  fail: [
    {
      name: 'a label the aggregation drops',
      input: shopAlert({ description: 'Code {{ $labels.code }} is frequent.' }),
      expect: { severity: 'error', path: 'ShopTrafficHigh.description', message: '$labels.code is always empty: the expression\'s result has no "code" label', hint: 'route' },
    },
    {
      name: 'a rule label, which templates do not see',
      input: shopAlert({ annotations: { owner: '{{ $labels.team }}' } }),
      expect: { path: 'ShopTrafficHigh.annotations.owner', message: '("team" is a rule label; templates only see the series\' labels)' },
    },
  ],
});

checkCases('template/syntax', {
  run: (rule: AlertRule) => analyzeRules(rule),
  pass: [{ name: 'a known function', input: shopAlert({ description: '{{ $value | humanizePercentage }} of requests.' }) }],
  fail: [
    {
      name: 'a misspelled function',
      input: shopAlert({ description: '{{ $value | humanizePercentag }} of requests.' }),
      expect: { severity: 'error', path: 'ShopTrafficHigh.description', message: 'function "humanizePercentag" not defined' },
    },
    { name: 'an unclosed action', input: shopAlert({ description: '{{ $value of requests.' }), expect: { severity: 'error', path: 'ShopTrafficHigh.description' } },
    { name: 'a broken label template', input: shopAlert({ labels: { tier: '{{ if }}' } }), expect: { path: 'ShopTrafficHigh.labels.tier' } },
  ],
});

checkCases('template/unsupported', {
  run: (rule: AlertRule) => analyzeRules(rule),
  pass: [{ name: 'the value', input: shopAlert({ description: '{{ $value }} requests per second.' }) }],
  fail: [
    {
      name: 'a query at notification time',
      input: shopAlert({ description: '{{ with query "up" }}{{ . | first | value }}{{ end }} targets up.' }),
      expect: { severity: 'warning', path: 'ShopTrafficHigh.description', message: 'the query function needs a running Prometheus' },
    },
    { name: 'an included template', input: shopAlert({ description: '{{ template "x" }}' }), expect: { severity: 'warning', message: '{{template}} is not supported' } },
  ],
});
