import { describe, expect, it } from 'vitest';
import { defineRouting, pagerduty, slack } from '../../src/library/index.js';
import { checkRouting, type RoutedAlert } from '../../src/library/routing/checks/index.js';
import type { Severity } from '../../src/library/alerts/define.js';
import { goSemantics } from '../../src/engine/compiler/semantics.js';

function alertOf(name: string, severity: Severity, labels: Record<string, string> = {}): RoutedAlert {
  return { name, severity, labels: { alertname: name, severity, ...labels }, runtimeLabels: new Set(), labelsComplete: true, source: { file: 'rules/shop.ts', line: 7, column: 5 } };
}

// Two teams: each team's pages go to its pager; anything else to the finops ticket channel.
const routing = defineRouting({
  receivers: [
    pagerduty({ name: 'shop-pager', severities: ['page'], team: 'shop', routingKeyFile: '/etc/am/shop.key' }),
    pagerduty({ name: 'finops-pager', severities: ['page'], team: 'finops', routingKeyFile: '/etc/am/finops.key' }),
    slack({ name: 'tickets', severities: ['ticket'], team: 'finops', apiUrlFile: '/etc/am/slack.url', channel: '#finops' }),
  ],
  route: {
    receiver: 'tickets',
    routes: [
      { matchers: { team: 'shop', severity: 'page' }, receiver: 'shop-pager' },
      { matchers: { team: 'finops', severity: 'page' }, receiver: 'finops-pager' },
    ],
  },
});

describe('routing/severity for an alert missing a label the routes match on', () => {
  it('accepts the page once it carries its team', () => {
    expect(checkRouting(routing, [alertOf('ShopDown', 'page', { team: 'shop' })], goSemantics).diagnostics).toEqual([]);
  });

  it('names the missing label, at the alert, instead of blaming the route it fell to', () => {
    const [d, ...rest] = checkRouting(routing, [alertOf('ShopDown', 'page')], goSemantics).diagnostics;
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ code: 'routing/severity', file: 'rules/shop.ts', line: 7, path: 'ShopDown.labels' });
    expect(d!.message).toBe('ShopDown (severity page) has no `team` label, which the routes match on: it falls through to receiver "tickets" (route), which is for ticket for team finops');
    expect(d!.hint).toBe("set team: '...' in ShopDown's labels");
  });
});
