import { latency, type SLO } from '../../src/library/index.js';
import { shop } from '../fixtures/mini/metrics.js';
import { checkCases } from '../support/checkCases.js';
import { analyzeProject, analyzeSLOs } from './project.js';
import { shopSLO } from './shopSLO.js';

/** The SLO in slo/shop.ts of the shop project (35d retention, 15s scrapes), through the compiler's analyze stage. */
const run = (slo: SLO) => analyzeSLOs(slo);

const alerting = { name: 'ShopCheckoutBudgetBurn', labels: { team: 'shop' }, dashboard: 'shop' };

checkCases('slo/budget-too-small', {
  run,
  pass: [{ name: '99.9% over 30 days: 43 minutes', input: shopSLO({ objective: 99.9 }) }],
  fail: [
    {
      name: '99.9999% over 30 days: 3 seconds',
      input: shopSLO({ objective: 99.9999 }),
      expect: { severity: 'error', path: 'shop/checkout.objective', message: 'less than one scrape interval (15s)' },
    },
    { name: '99.995% over 30 days: about two minutes', input: shopSLO({ objective: 99.995 }), expect: { severity: 'warning', path: 'shop/checkout.objective', message: 'under ten scrape intervals' } },
  ],
});

checkCases('slo/duplicate-id', {
  run: (slos: SLO[]) => analyzeProject({ modules: slos.map((slo, i) => ({ relPath: `slo/${i}.ts`, slos: [slo] })) }),
  pass: [{ name: 'two names of one service', input: [shopSLO(), shopSLO({ name: 'cart', alerting: { ...alerting, name: 'ShopCartBudgetBurn' } })] }],
  fail: [
    {
      name: 'one id in two files',
      input: [shopSLO(), shopSLO({ alerting: { ...alerting, name: 'ShopCartBudgetBurn' } })],
      expect: { severity: 'error', path: 'shop/checkout.name', message: 'SLO "shop/checkout" is also defined at slo/0.ts:' },
    },
  ],
});

checkCases('slo/grouping-labels', {
  run,
  pass: [{ name: 'a label of the SLI', input: shopSLO({ groupBy: ['route'] }) }],
  fail: [
    {
      name: 'a label the SLI lacks',
      input: shopSLO({ groupBy: ['provider'] }),
      expect: { severity: 'error', path: 'shop/checkout.groupBy', message: 'the SLI\'s series have no "provider" label', hint: 'labels available: code, instance, job, route' },
    },
  ],
});

checkCases('slo/latency-threshold', {
  run,
  pass: [{ name: 'a bucket boundary', input: shopSLO({ sli: latency({ histogram: shop.metrics.duration, threshold: 0.5 }) }) }],
  fail: [
    {
      name: 'between two buckets',
      input: shopSLO({ sli: latency({ histogram: shop.metrics.duration, threshold: 0.3 as 0.5 }) }),
      expect: { severity: 'error', path: 'shop/checkout.sli.threshold', message: 'threshold 0.3 is not a bucket of "shop_request_duration_seconds"', hint: 'buckets: 0.1, 0.5, 1, 2, 5' },
    },
  ],
});

checkCases('slo/name', {
  run,
  pass: [{ name: 'kebab-case', input: shopSLO({ service: 'shop-api', name: 'checkout-success' }) }],
  fail: [
    { name: 'a capital in the service', input: shopSLO({ service: 'Shop' }), expect: { severity: 'error', path: 'Shop/checkout.service', message: 'service "Shop" is not kebab-case' } },
    { name: 'an underscore in the name', input: shopSLO({ name: 'checkout_success' }), expect: { path: 'shop/checkout_success.name', message: 'name "checkout_success" is not kebab-case' } },
  ],
});

checkCases('slo/description', {
  run,
  pass: [{ name: 'a sentence', input: shopSLO({ description: 'Checkout answers without a server error.' }) }],
  fail: [{ name: 'a one-word description', input: shopSLO({ description: 'Checkout.' }), expect: { path: 'shop/checkout.description', message: 'the description is missing or too short' } }],
});

checkCases('slo/objective', {
  run,
  pass: [{ name: '99.9', input: shopSLO({ objective: 99.9 }) }],
  fail: [
    { name: '100', input: shopSLO({ objective: 100 }), expect: { severity: 'error', path: 'shop/checkout.objective', message: 'objective 100 is not a percentage between 0 and 100 (exclusive)' } },
    { name: 'a ratio written for a percentage', input: shopSLO({ objective: 0.999 }), expect: { severity: 'warning', path: 'shop/checkout.objective', message: 'looks like a ratio' } },
  ],
});

checkCases('slo/period-retention', {
  run,
  pass: [{ name: '30 days in 35 days of retention', input: shopSLO({ period: '30d' }) }],
  fail: [{ name: '60 days in 35', input: shopSLO({ period: '60d' }), expect: { severity: 'error', path: 'shop/checkout.period', message: 'period 60d is longer than the retention (35d)' } }],
});

checkCases('slo/tier-never-fires', {
  run,
  pass: [
    { name: '99.9% with the default tiers', input: shopSLO({ objective: 99.9 }) },
    { name: '90% without the 1h tier', input: shopSLO({ objective: 90, alerting: { ...alerting, tiers: { '1h': false } } }) },
  ],
  fail: [
    {
      name: '90% with the default tiers: 14.4 × 10%',
      input: shopSLO({ objective: 90 }),
      expect: { severity: 'error', path: 'shop/checkout.alerting.tiers', message: 'tier 1h needs an error ratio above 144% (14.4 × 10% budget) and can never fire' },
    },
  ],
});

checkCases('slo/tier-windows', {
  run,
  pass: [{ name: 'a changed default tier', input: shopSLO({ alerting: { ...alerting, tiers: { '1h': { for: '5m' } } } }) }],
  fail: [
    { name: 'a tier that is no default', input: shopSLO({ alerting: { ...alerting, tiers: { '2h': false } } }), expect: { severity: 'error', path: 'shop/checkout.alerting.tiers.2h', message: '"2h" is not a default tier (1h, 6h, 1d, 3d)' } },
    { name: 'for longer than the short window', input: shopSLO({ alerting: { ...alerting, tiers: { '1h': { for: '10m' } } } }), expect: { path: 'shop/checkout.alerting.tiers', message: 'tier 1h: for 10m is longer than the short window 5m' } },
    { name: 'a short window as long as the long one', input: shopSLO({ alerting: { ...alerting, tiers: { '1h': { shortWindow: '1h' } } } }), expect: { message: 'tier 1h: the short window 1h is not shorter than the long window' } },
    { name: 'no budget', input: shopSLO({ alerting: { ...alerting, tiers: { '1h': { budgetPercent: 0 } } } }), expect: { message: 'tier 1h: budgetPercent 0 is not in (0, 100]' } },
  ],
});
