import { describe, expect, it } from 'vitest';
import { defineRouting, discard, pagerduty, slack, webhook, type RoutingOptions } from '../../src/library/index.js';
import { not, re } from '../../src/library/promql.js';
import { checkRouting, type RoutedAlert } from '../../src/library/routing/checks/index.js';
import type { Severity } from '../../src/library/alerts/define.js';
import { goSemantics } from '../../src/engine/compiler/semantics.js';

function alertOf(name: string, severity: Severity, labels: Record<string, string> = {}, runtime: string[] = []): RoutedAlert {
  return { name, severity, labels: { alertname: name, severity, ...labels }, runtimeLabels: new Set(runtime), labelsComplete: true };
}

const receivers = [
  pagerduty({ name: 'pager', severities: ['page'], team: 'shop', routingKeyFile: '/etc/am/pd.key' }),
  slack({ name: 'tickets', severities: ['ticket'], team: 'shop', apiUrlFile: '/etc/am/slack.url', channel: '#shop' }),
  discard({ name: 'nowhere', severities: ['info'] }),
];
const goodRoute: RoutingOptions<'pager' | 'tickets' | 'nowhere', never>['route'] = {
  receiver: 'tickets',
  routes: [
    { matchers: { severity: 'page' }, receiver: 'pager' },
    { matchers: { severity: 'info' }, receiver: 'nowhere' },
  ],
};
const shopAlerts = [
  alertOf('ShopDown', 'page', { team: 'shop' }, ['instance']),
  alertOf('ShopSlow', 'ticket', { team: 'shop' }, ['route']),
  alertOf('ShopInfo', 'info', { team: 'shop' }),
];

function codes(options: Parameters<typeof checkRouting>[0], alerts: RoutedAlert[] = shopAlerts) {
  return checkRouting(options, alerts, goSemantics).diagnostics.map((d) => `${d.code} ${d.path}: ${d.message}`);
}

describe('routing checks', () => {
  it('accept a tree that sends every alert where its severity says, and record where each goes', () => {
    const routing = defineRouting({ receivers, route: goodRoute });
    const { diagnostics, routed } = checkRouting(routing, shopAlerts, goSemantics);
    expect(diagnostics).toEqual([]);
    expect([...routed.values()]).toEqual([['pager'], ['tickets'], ['nowhere']]);
  });

  it('report a page that lands in the ticket receiver, at the route that sends it there', () => {
    const routing = defineRouting({
      receivers,
      route: { receiver: 'tickets', routes: [{ matchers: { severity: 'pager' }, receiver: 'pager' }, { matchers: { severity: 'info' }, receiver: 'nowhere' }] },
    });
    const found = checkRouting(routing, shopAlerts, goSemantics);
    expect(found.diagnostics.map((d) => [d.code, d.severity, d.path])).toEqual([['routing/severity', 'error', 'routing.route']]);
    expect(found.diagnostics[0]!.message).toBe('ShopDown (severity page, team shop) reaches receiver "tickets" through route, but "tickets" is for ticket for team shop');
    expect(found.diagnostics[0]!.hint).toContain('(pager)');
    expect(found.routed.has(shopAlerts[0]!)).toBe(false);
  });

  it("report an alert routed to another team's receiver", () => {
    const routing = defineRouting({ receivers, route: goodRoute });
    const [d] = checkRouting(routing, [alertOf('FinopsSpend', 'ticket', { team: 'finops' })], goSemantics).diagnostics;
    expect(d?.code).toBe('routing/severity');
    expect(d?.message).toContain('"tickets" is for ticket for team shop');
  });

  it('report receivers and time intervals that do not exist, and receivers nothing reaches', () => {
    const routing = defineRouting({
      receivers: [...receivers, webhook({ name: 'spare', severities: ['ticket'], url: 'http://hooks.internal/am' })],
      route: { receiver: 'tickets', routes: [{ matchers: { severity: 'page' }, receiver: 'pagr' as 'pager', muteTimeIntervals: ['nights' as never] }] },
    });
    expect(codes(routing)).toEqual([
      'routing/unknown-receiver routing.route.routes[0].receiver: route.routes[0] sends to receiver "pagr", which is not defined',
      'routing/unknown-time-interval routing.route.routes[0].muteTimeIntervals: route.routes[0] names time interval "nights", which is not defined',
      'routing/unused-receiver pager.name: no route sends anything to receiver "pager"',
      'routing/unused-receiver nowhere.name: no route sends anything to receiver "nowhere"',
      'routing/unused-receiver spare.name: no route sends anything to receiver "spare"',
    ]);
  });

  it('refuse secrets written into the config', () => {
    const routing = defineRouting({
      receivers: [
        ...receivers,
        webhook({ name: 'hook', severities: ['ticket'], url: 'https://user:hunter2@hooks.internal/am' }),
        webhook({ name: 'hook2', severities: ['ticket'], url: 'https://hooks.internal/am?token=abc' }),
        slack({ name: 'inline', severities: ['ticket'], apiUrlFile: '/x', channel: '#x', extra: { api_url: 'https://hooks.slack.com/services/T0/B0/XYZ' } }),
      ],
      route: { ...goodRoute, routes: [...goodRoute.routes!, { matchers: { x: 'y' }, receiver: 'hook' }, { matchers: { x: 'z' }, receiver: 'hook2' }, { matchers: { x: 'w' }, receiver: 'inline' }] },
    });
    expect(codes(routing).filter((c) => c.startsWith('routing/inline-secret'))).toEqual([
      'routing/inline-secret hook.webhook_configs[0].url: receiver "hook": the URL carries a password',
      'routing/inline-secret hook2.webhook_configs[0].url: receiver "hook2": the URL carries `token` in its query',
      'routing/inline-secret inline.slack_configs[0].api_url: receiver "inline": `api_url` holds the secret itself',
    ]);
  });

  it('refuse an unknown notification template, and accept Alertmanager\'s own', () => {
    const routing = defineRouting({
      receivers: [
        slack({ name: 'tickets', severities: ['ticket'], apiUrlFile: '/x', channel: '#x', title: '{{ template "shop.title" . }}', text: '{{ template "slack.default.text" . }}' }),
      ],
      route: { receiver: 'tickets' },
    });
    expect(codes(routing, [alertOf('ShopSlow', 'ticket')])).toEqual([
      expect.stringContaining('routing/unknown-template tickets.slack_configs[0].title: receiver "tickets" uses template "shop.title", which no routing template defines'),
    ]);
    const fixed = defineRouting({ receivers: [slack({ name: 'tickets', severities: ['ticket'], apiUrlFile: '/x', channel: '#x', title: '{{ template "shop.title" . }}' })], route: { receiver: 'tickets' }, templates: { 'shop.title': '{{ .CommonLabels.alertname }}' } });
    expect(codes(fixed, [alertOf('ShopSlow', 'ticket')])).toEqual([]);
  });

  it('report an inhibition whose equal label an alert it matches never carries', () => {
    const alerts = [alertOf('ShopDown', 'page', { team: 'shop' }, ['instance']), alertOf('ShopErrors', 'page', { team: 'shop' }), alertOf('ShopQueue', 'ticket', { team: 'shop' }, ['instance'])];
    const careless = defineRouting({
      receivers,
      route: goodRoute,
      inhibitions: [{ reason: 'a down instance explains its other alerts', source: { alertname: 'ShopDown' }, target: { alertname: not('ShopDown') }, equal: ['instance'] }],
    });
    const found = codes(careless, alerts).filter((c) => !c.startsWith('routing/unused'));
    expect(found).toEqual([expect.stringMatching(/^routing\/inhibit-equal routing\.inhibitions\[0\]\.equal: .*but ShopErrors, which its target matches, never carries it/)]);
    // Requiring the label on the target leaves ShopErrors out, as Alertmanager would.
    const careful = defineRouting({ receivers, route: goodRoute, inhibitions: [{ ...careless.inhibitions[0]!, target: { alertname: not('ShopDown'), instance: re('.+') } }] });
    expect(codes(careful, alerts).filter((c) => !c.startsWith('routing/unused'))).toEqual([]);
  });

  it('warn about an inhibition that matches no alert (a renamed alert)', () => {
    const routing = defineRouting({
      receivers,
      route: goodRoute,
      inhibitions: [{ reason: 'old name', source: { alertname: 'ShopOutage' }, target: { alertname: 'ShopSlow' }, equal: [] }],
    });
    expect(codes(routing)).toEqual(['routing/inhibit-unmatched routing.inhibitions[0].source: the source of inhibition 0 ("old name") matches no alert of the project']);
  });

  it('warn when a route reads a label the alert gets only at run time, and write no route test for it', () => {
    const routing = defineRouting({ receivers, route: { receiver: 'tickets', routes: [{ matchers: { instance: re('db-.*') }, receiver: 'pager' }] } });
    const { diagnostics, routed } = checkRouting(routing, [shopAlerts[0]!], goSemantics);
    expect(diagnostics.map((d) => d.code)).toEqual(['routing/unused-receiver', 'routing/runtime-label']);
    expect(routed.size).toBe(0);
  });

  it('report a bad regex and a hand-written case that the routes contradict', () => {
    const bad = defineRouting({ receivers, route: { receiver: 'tickets', routes: [{ matchers: { team: re('(shop') }, receiver: 'pager' }] } });
    expect(codes(bad)[0]).toMatch(/^routing\/matcher-regex routing\.route\.routes\[0\]\.matchers\.team: team=~"\(shop": .*missing closing \)/);
    const cased = defineRouting({ receivers, route: goodRoute, tests: [{ name: 'pages page', labels: { severity: 'page' }, receivers: ['tickets'] }] });
    expect(codes(cased)).toEqual(['routing/test routing.tests[0]: routing case "pages page" expects tickets but the routes send it to pager']);
  });
});
