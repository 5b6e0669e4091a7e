import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withMinimalRoute } from '../../src/engine/compiler/alertmanagerCheck.js';
import { startAlertmanager, type RunningAlertmanager } from '../../src/integrations/loadtest/alertmanager.js';
import { pollFor } from '../support/poll.js';
import { TIMEOUT, WAIT } from '../support/timeouts.js';

// The mini fixture has checkout-success (four default tiers) and fast-pages (grouped by route,
// 3d tier off); its committed output is checked byte for byte by the golden test.
const FRAGMENT = path.resolve(import.meta.dirname, '../fixtures/mini/generated/alertmanager/slo-inhibit-rules.yml');

function tierAlert(alertname: string, slo: string, tier: string, extra: Record<string, string> = {}) {
  return { labels: { alertname, slo, service: 'shop', tier, severity: tier === '1h' || tier === '6h' ? 'page' : 'ticket', team: 'shop', ...extra } };
}

describe('SLO tier inhibitions, in a real Alertmanager', () => {
  let am: RunningAlertmanager;
  beforeAll(async () => {
    am = await startAlertmanager(withMinimalRoute(readFileSync(FRAGMENT, 'utf8')));
  }, TIMEOUT.serverStart);
  afterAll(async () => {
    await am?.stop();
  });

  it('a firing faster tier silences the slower tiers of the same SLO and group, and nothing else', async () => {
    await am.post([
      tierAlert('ShopCheckoutBudgetBurn', 'checkout-success', '1h'),
      tierAlert('ShopCheckoutBudgetBurn', 'checkout-success', '6h'),
      tierAlert('ShopCheckoutBudgetBurn', 'checkout-success', '3d'),
      // Grouped SLO: the 1h tier for checkout silences the 6h tier for checkout only.
      tierAlert('ShopLatencyBudgetBurn', 'fast-pages', '1h', { route: 'checkout' }),
      tierAlert('ShopLatencyBudgetBurn', 'fast-pages', '6h', { route: 'checkout' }),
      tierAlert('ShopLatencyBudgetBurn', 'fast-pages', '6h', { route: 'home' }),
      tierAlert('ShopLatencyBudgetBurn', 'fast-pages', '1d', { route: 'home' }),
    ]);
    const key = (l: Record<string, string>) => `${l.slo} ${l.tier}${l.route ? ` ${l.route}` : ''}`;
    // Alertmanager marks inhibition as it processes alerts: wait until it has processed all seven.
    const states = await pollFor('Alertmanager to process the seven alerts', WAIT.live, async () => {
      const alerts = await am.alerts();
      const states: Record<string, string> = Object.fromEntries(alerts.map((a) => [key(a.labels), a.status.inhibitedBy.length > 0 ? 'inhibited' : a.status.state]));
      return alerts.length === 7 && !Object.values(states).includes('unprocessed') && states;
    });
    expect(states).toEqual({
      'checkout-success 1h': 'active',
      'checkout-success 6h': 'inhibited',
      'checkout-success 3d': 'inhibited',
      'fast-pages 1h checkout': 'active',
      'fast-pages 6h checkout': 'inhibited',
      'fast-pages 6h home': 'active',
      'fast-pages 1d home': 'inhibited',
    });
  });
});
