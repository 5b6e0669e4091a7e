import type { AlertRule } from '../../src/library/alerts/define.js';
import { ruleGroup } from '../../src/library/index.js';
import { absent } from '../../src/library/promql.js';
import { shop } from '../fixtures/mini/metrics.js';
import { checkCases } from '../support/checkCases.js';
import { analyzeRuleModules, analyzeRules } from './project.js';
import { runbookDiagnostics } from './runbooks.js';
import { shopAlert, trafficByRoute } from './shopAlert.js';



const ticket = shopAlert({ name: 'ShopTraffic', severity: 'ticket' });
const page = shopAlert({ name: 'ShopTraffic', severity: 'page' });
const pageVeryHigh = shopAlert({ name: 'ShopTrafficVeryHigh', severity: 'page', expr: trafficByRoute.gt(1000) });

checkCases('alert/annotation-name', {
  run: (rule: AlertRule) => analyzeRules(rule),
  pass: [{ name: 'an annotation named like a label', input: shopAlert({ annotations: { runbook_note: 'Check the payment provider.' } }) }],
  fail: [
    {
      name: 'an annotation with a dash',
      input: shopAlert({ annotations: { 'runbook-note': 'Check the payment provider.' } }),
      expect: { severity: 'error', path: 'ShopTrafficHigh.annotations.runbook-note', message: '"runbook-note" is not a valid annotation name' },
    },
  ],
});

checkCases('alert/comparison', {
  run: (rule: AlertRule) => analyzeRules(rule),
  pass: [
    { name: 'a threshold', input: shopAlert({ expr: trafficByRoute.gt(100) }) },
    { name: 'absent() is its own condition', input: shopAlert({ expr: absent(shop.metrics.queue) }) },
  ],
  fail: [
    {
      name: 'the bare query',
      input: shopAlert({ expr: trafficByRoute }),
      expect: { severity: 'error', path: 'ShopTrafficHigh.expr', message: 'the expression has no comparison' },
    },
    { name: 'a bool comparison, which returns 0 or 1 for every series', input: shopAlert({ expr: 'sum by (route) (rate(shop_requests_total[5m])) > bool 100' }), expect: { path: 'ShopTrafficHigh.expr' } },
  ],
});

checkCases('alert/description', {
  run: (rule: AlertRule) => analyzeRules(rule),
  pass: [{ name: 'a description', input: shopAlert({ description: 'Traffic is high.' }) }],
  fail: [{ name: 'only spaces', input: shopAlert({ description: '  ' }), expect: { severity: 'error', path: 'ShopTrafficHigh.description', message: 'the description is empty' } }],
});

checkCases('alert/duplicate', {
  run: analyzeRuleModules,
  pass: [{ name: 'the alert in one group', input: [[ruleGroup({ name: 'a', rules: [ticket] })], [ruleGroup({ name: 'b', rules: [pageVeryHigh] })]] }],
  fail: [
    {
      name: 'the same alert in two groups',
      input: [[ruleGroup({ name: 'a', rules: [ticket] })], [ruleGroup({ name: 'b', rules: [ticket] })]],
      expect: { severity: 'error', path: 'ShopTraffic.name', message: 'alert "ShopTraffic" with the same labels is defined twice' },
    },
  ],
});

checkCases('alert/duplicate-name', {
  run: analyzeRuleModules,
  pass: [{ name: 'two names', input: [[ruleGroup({ name: 'a', rules: [ticket] })], [ruleGroup({ name: 'b', rules: [pageVeryHigh] })]] }],
  fail: [
    {
      name: 'one name at two severities in two files',
      input: [[ruleGroup({ name: 'a', rules: [ticket] })], [ruleGroup({ name: 'b', rules: [page] })]],
      expect: { severity: 'error', path: 'ShopTraffic.name', line: page.source!.line, message: `is also defined at rules/a.ts:${ticket.source!.line} (ticket)` },
    },
  ],
});

checkCases('alert/for', {
  run: (rule: AlertRule) => analyzeRules(rule),
  pass: [
    { name: 'five minutes', input: shopAlert({ for: '5m' }) },
    { name: 'a ticket without for', input: shopAlert({ for: undefined }) },
  ],
  fail: [
    { name: 'shorter than a scrape', input: shopAlert({ for: '10s' }), expect: { severity: 'error', path: 'ShopTrafficHigh.for', message: 'for: 10s is shorter than the scrape interval (15s)' } },
    { name: 'shorter than an evaluation', input: shopAlert({ for: '30s' }), expect: { severity: 'warning', path: 'ShopTrafficHigh.for', message: "shorter than the group's evaluation interval (1m)" } },
    { name: 'a page without for', input: shopAlert({ for: undefined, severity: 'page' }), expect: { severity: 'warning', path: 'ShopTrafficHigh.for', message: 'a paging alert without `for`' } },
    { name: 'keep_firing_for shorter than an evaluation', input: shopAlert({ keepFiringFor: '30s' }), expect: { severity: 'warning', path: 'ShopTrafficHigh.keepFiringFor' } },
  ],
});

checkCases('alert/label-overwrites-series', {
  run: (rule: AlertRule) => analyzeRules(rule),
  pass: [
    { name: 'a label the query does not keep', input: shopAlert({ labels: { team: 'shop' } }) },
    { name: 'the one value the query keeps', input: shopAlert({ expr: 'sum by (route) (rate(shop_requests_total{route="cart"}[5m])) > 100', labels: { route: 'cart' } }) },
  ],
  fail: [
    {
      name: 'a label over one the query keeps with two values',
      input: shopAlert({ labels: { route: 'cart' } }),
      expect: { severity: 'error', path: 'ShopTrafficHigh.labels.route', message: 'label "route" replaces the "route" label of the expression\'s series ("cart", "checkout")' },
    },
  ],
});

checkCases('alert/labels', {
  run: (rule: AlertRule) => analyzeRules(rule),
  pass: [{ name: 'a team label', input: shopAlert({ labels: { team: 'shop', tier: 'gold' } }) }],
  fail: [
    { name: 'a severity label', input: shopAlert({ labels: { severity: 'high' } }), expect: { severity: 'error', path: 'ShopTrafficHigh.labels.severity', message: 'label "severity" is set by lookout or Prometheus', hint: 'use the severity field' } },
    { name: '$value in a label', input: shopAlert({ labels: { tier: '{{ $value }}' } }), expect: { path: 'ShopTrafficHigh.labels.tier', message: 'uses $value' } },
    { name: 'an invalid label name', input: shopAlert({ labels: { 'on-call': 'shop' } }), expect: { path: 'ShopTrafficHigh.labels.on-call', message: '"on-call" is not a valid label name' } },
  ],
});

checkCases('alert/links', {
  run: (rule: AlertRule) => analyzeRules(rule),
  pass: [
    { name: 'a runbook URL and a dashboard uid', input: shopAlert({ runbook: 'https://runbooks.example.com/shop-traffic-high', dashboard: 'shop' }) },
    { name: 'a runbook path', input: shopAlert({ runbook: 'shop/traffic-high' }) },
  ],
  fail: [
    { name: 'a URL with a space in its host', input: shopAlert({ runbook: 'https://runbooks example.com/shop' }), expect: { severity: 'error', path: 'ShopTrafficHigh.runbook', message: 'runbook "https://runbooks example.com/shop" is not a valid URL or path' } },
    { name: 'an empty dashboard', input: shopAlert({ dashboard: ' ' }), expect: { severity: 'error', path: 'ShopTrafficHigh.dashboard', message: 'is not a valid URL or uid' } },
    { name: 'a page without a dashboard', input: shopAlert({ severity: 'page', dashboard: undefined }), expect: { severity: 'warning', path: 'ShopTrafficHigh.dashboard', message: 'a paging alert without a dashboard link' } },
  ],
});

checkCases('alert/name', {
  run: (rule: AlertRule) => analyzeRules(rule),
  pass: [{ name: 'CamelCase', input: shopAlert({ name: 'ShopTrafficHigh' }) }],
  fail: [
    { name: 'snake_case', input: shopAlert({ name: 'shop_traffic_high' }), expect: { severity: 'error', path: 'shop_traffic_high.name', message: 'alert name "shop_traffic_high" is not CamelCase' } },
    { name: 'over 40 characters', input: shopAlert({ name: 'ShopTrafficIsHigherThanAnyoneExpectedItToBe' }), expect: { path: 'ShopTrafficIsHigherThanAnyoneExpectedItToBe.name', message: 'is 43 characters long (at most 40)' } },
  ],
});

checkCases('alert/runbook-missing', {
  run: runbookDiagnostics,
  pass: [
    { name: 'a page with its steps', input: { rule: shopAlert({ severity: 'page' }), files: { 'runbooks/alerts/shop-traffic-high.md': 'Scale the shop out.\n' } } },
    { name: 'a page whose runbook is an external URL', input: { rule: shopAlert({ severity: 'page', runbook: 'https://wiki.example.com/shop' }), files: { 'runbooks/alerts/other.md': 'x\n' } } },
    { name: 'a page in a project without runbooks/', input: { rule: shopAlert({ severity: 'page' }), files: {} } },
    { name: 'a ticket without steps', input: { rule: shopAlert({ severity: 'ticket' }), files: { 'runbooks/alerts/other.md': 'x\n' } } },
  ],
  fail: [
    {
      name: 'a page without its steps',
      input: { rule: shopAlert({ severity: 'page' }), files: { 'runbooks/alerts/other.md': 'x\n' } },
      expect: { severity: 'error', path: 'ShopTrafficHigh.severity', message: 'paging alert ShopTrafficHigh has no runbook steps', hint: 'runbooks/alerts/shop-traffic-high.md' },
    },
  ],
});

checkCases('alert/summary', {
  run: (rule: AlertRule) => analyzeRules(rule),
  pass: [{ name: 'one static sentence', input: shopAlert({ summary: 'Shop traffic is high.' }) }],
  fail: [
    { name: 'a template', input: shopAlert({ summary: 'Route {{ $labels.route }} is busy.' }), expect: { severity: 'error', path: 'ShopTrafficHigh.summary', message: 'the summary contains a template' } },
    { name: 'empty', input: shopAlert({ summary: '' }), expect: { severity: 'error', path: 'ShopTrafficHigh.summary', message: 'the summary is empty' } },
    { name: 'two lines', input: shopAlert({ summary: 'Shop traffic\nis high.' }), expect: { severity: 'error', message: 'the summary spans several lines' } },
    { name: 'no period', input: shopAlert({ summary: 'Shop traffic is high' }), expect: { severity: 'warning', message: 'the summary is not a sentence ending with a period' } },
    { name: 'lower case', input: shopAlert({ summary: 'shop traffic is high.' }), expect: { severity: 'warning', message: 'does not start with a capital letter' } },
  ],
});
