import type { AlertRule } from '../../src/library/alerts/define.js';
import { alert, type AlertOptions } from '../../src/library/index.js';
import { rate, sum } from '../../src/library/promql.js';
import { shop } from '../fixtures/mini/metrics.js';

/** Requests per second by route: keeps `route`, aggregates `code` away. */
export const trafficByRoute = sum(rate(shop.metrics.requests, '5m')).by('route');

/**
 * A sound ticket alert over the shop catalog that no check reports; a table's failing case is
 * this alert with one field changed, so the case differs from its passing twin by the mistake.
 */
export function shopAlert(change: Partial<AlertOptions<string>> = {}): AlertRule {
  return alert({
    name: 'ShopTrafficHigh',
    expr: trafficByRoute.gt(100),
    for: '5m',
    severity: 'ticket',
    summary: 'Shop traffic is high.',
    description: 'Route {{ $labels.route }} answers {{ $value }} requests per second.',
    dashboard: 'shop',
    labels: { team: 'shop' },
    ...change,
  });
}
