import { analyze } from '../../src/engine/compiler/analyze.js';
import { compileAlertTests } from '../../src/engine/compiler/alertTests.js';
import type { AlertRule } from '../../src/library/alerts/define.js';
import { rawSLI, ruleGroup, series, type SLO } from '../../src/library/index.js';
import { shop } from '../fixtures/mini/metrics.js';
import { checkCases } from '../support/checkCases.js';
import { loadedProject, type ModuleInput } from './project.js';
import { shopAlert } from './shopAlert.js';
import { shopSLO } from './shopSLO.js';

/**
 * The module analyzed, then its promtool tests built as generate builds them (no cache); what
 * analysis reports is left out, so a table sees only what test synthesis adds.
 */
async function synthesized(module: ModuleInput) {
  const { analyzed } = analyze(loadedProject({ modules: [module] }));
  return (await compileAlertTests(analyzed, undefined)).diagnostics;
}

const withRules = (rule: AlertRule) => synthesized({ groups: [ruleGroup({ name: 'shop', rules: [rule] })] });
const withSLO = (slo: SLO) => synthesized({ relPath: 'slo/shop.ts', slos: [slo] });

/** 200 requests per second on the cart route for half an hour: ShopTrafficHigh fires on route="cart". */
const busyCart = series(shop.metrics.requests, { code: '200', route: 'cart' }, '0+12000x30');

checkCases('test/expectation', {
  run: withRules,
  pass: [{ name: 'the route that is busy', input: shopAlert({ tests: [{ name: 'a busy cart', series: [busyCart], expect: [{ at: '20m', firing: [{ labels: { route: 'cart' } }] }] }] }) }],
  fail: [
    {
      name: 'another route',
      input: shopAlert({ tests: [{ name: 'a busy cart', series: [busyCart], expect: [{ at: '20m', firing: [{ labels: { route: 'checkout' } }] }] }] }),
      expect: { severity: 'error', path: 'ShopTrafficHigh.tests.0', message: 'test "a busy cart": at 20m the test expects ShopTrafficHigh{route="checkout"} firing, but lookout computes' },
    },
    {
      name: 'a summary the alert does not render',
      input: shopAlert({ tests: [{ name: 'a busy cart', series: [busyCart], expect: [{ at: '20m', firing: [{ labels: { route: 'cart' }, annotations: { summary: 'Busy.' } }] }] }] }),
      expect: { path: 'ShopTrafficHigh.tests.0.expect.0.firing.0.annotations.summary', message: 'with summary "Busy.", but the alert renders "Shop traffic is high."' },
    },
  ],
});

checkCases('test/not-generated', {
  run: withRules,
  pass: [{ name: 'a threshold over the queue', input: shopAlert({ expr: 'max(shop_queue_depth) > 100' }) }],
  fail: [
    {
      name: 'a threshold every value passes',
      input: shopAlert({ expr: 'max(shop_queue_depth) > -1' }),
      expect: { severity: 'warning', path: 'ShopTrafficHigh.expr', message: 'no tests generated for ShopTrafficHigh: no quiet baseline' },
    },
  ],
});

checkCases('test/slo-untested', {
  run: withSLO,
  pass: [{ name: 'a ratio of catalog counters', input: shopSLO() }],
  fail: [
    {
      name: 'the same ratio as raw PromQL',
      input: shopSLO({ sli: rawSLI({ errorRatio: 'sum(rate(shop_requests_total{code=~"5.."}[{{.window}}])) / sum(rate(shop_requests_total[{{.window}}]))' }) }),
      expect: { severity: 'warning', path: 'shop/checkout.sli', message: 'SLO "shop/checkout" has no generated tests for ShopCheckoutBudgetBurn: raw SLIs have no known series to drive' },
    },
  ],
});
