import { defineSLO, ratio, type SLO, type SLOOptions } from '../../src/library/index.js';
import { re } from '../../src/library/promql.js';
import { shop } from '../fixtures/mini/metrics.js';

const m = shop.metrics;

/**
 * A sound SLO over the shop catalog (shop/checkout, 99.9% over 30d, the default tiers) that
 * no check reports; a table's failing case is this SLO with one field changed.
 */
export function shopSLO(change: Partial<SLOOptions<string>> = {}): SLO {
  return defineSLO({
    service: 'shop',
    name: 'checkout',
    description: 'Checkout answers without a server error.',
    objective: 99.9,
    sli: ratio({ errors: m.requests.where({ code: re('5..') }), total: m.requests }),
    alerting: { name: 'ShopCheckoutBudgetBurn', labels: { team: 'shop' }, dashboard: 'shop' },
    ...change,
  });
}
