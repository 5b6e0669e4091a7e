import { alert, defineRouting, pagerduty, slack, webhook, type RoutingOptions } from '../../src/library/index.js';
import { re, sum, rate } from '../../src/library/promql.js';
import type { AlertRule } from '../../src/library/alerts/define.js';
import type { Routing } from '../../src/library/routing/define.js';
import { shop } from '../fixtures/mini/metrics.js';
import { checkCases } from '../support/checkCases.js';
import { routingDiagnostics, SHOP_ALERTS, type ShopModules } from './shopModules.js';

/**
 * One table per routing/ code. Each input is the shop project's routing (a pager for pages, a
 * ticket queue for the rest) with one field changed; `run` checks it the way generate does,
 * against the shop's alerts.
 */

type Options = RoutingOptions<string, string>;
const PAGER = pagerduty({ name: 'pager', severities: ['page'], team: 'shop', routingKeyFile: '/etc/am/pd.key' });
const TICKETS = slack({ name: 'tickets', severities: ['ticket'], team: 'shop', apiUrlFile: '/etc/am/slack.url', channel: '#shop' });
const PAGES = { matchers: { severity: 'page' }, receiver: 'pager' };

/** The shop routing with `change` applied over it. */
function shopRouting(change: Partial<Options> = {}): Routing {
  return defineRouting<string, string>({ receivers: [PAGER, TICKETS], route: { receiver: 'tickets', routes: [PAGES] }, ...change });
}

/** A hook for tickets at `url`, reached by tickets of team hooks. */
function withHook(url: string): Routing {
  const hook = webhook({ name: 'hook', severities: ['ticket'], url });
  return shopRouting({ receivers: [PAGER, TICKETS, hook], route: { receiver: 'tickets', routes: [PAGES, { matchers: { team: 'hooks' }, receiver: 'hook' }] } });
}

const run = (routing: Routing) => routingDiagnostics({ routings: [routing] });
const runModules = (modules: ShopModules) => routingDiagnostics(modules);

checkCases('routing/group-by', {
  run,
  pass: [{ name: 'labels listed once each', input: shopRouting({ route: { receiver: 'tickets', groupBy: ['alertname', 'team'], routes: [PAGES] } }) }],
  fail: [
    { name: 'a label listed twice', input: shopRouting({ route: { receiver: 'tickets', groupBy: ['alertname', 'alertname'], routes: [PAGES] } }), expect: { path: 'routing.route.groupBy', message: 'label "alertname" is listed twice' } },
    { name: "'...' listed with other labels", input: shopRouting({ route: { receiver: 'tickets', groupBy: ['...', 'team'], routes: [PAGES] } }), expect: { path: 'routing.route.groupBy', message: "'...' (group by every label) cannot be listed with other labels" } },
  ],
});

const PAGE_SILENCES_TICKET = { reason: 'a page says it already', source: { severity: 'page' }, target: { severity: 'ticket' } };

checkCases('routing/inhibit-equal', {
  run,
  pass: [{ name: 'equal on team, which both sides carry', input: shopRouting({ inhibitions: [{ ...PAGE_SILENCES_TICKET, equal: ['team'] }] }) }],
  fail: [
    {
      name: 'equal on instance, which neither side carries',
      input: shopRouting({ inhibitions: [{ ...PAGE_SILENCES_TICKET, equal: ['instance'] }] }),
      expect: { path: 'routing.inhibitions[0].equal', message: 'requires equal `instance`, but ShopSlow, which its target matches, never carries it' },
    },
  ],
});

checkCases('routing/inhibit-unmatched', {
  run,
  pass: [{ name: 'a target of ticket alerts', input: shopRouting({ inhibitions: [{ ...PAGE_SILENCES_TICKET, equal: ['team'] }] }) }],
  fail: [
    {
      name: 'a target of info alerts, which the project has none of',
      input: shopRouting({ inhibitions: [{ ...PAGE_SILENCES_TICKET, target: { severity: 'info' }, equal: ['team'] }] }),
      expect: { severity: 'warning', path: 'routing.inhibitions[0].target', message: 'the target of inhibition 0 ("a page says it already") matches no alert of the project' },
    },
  ],
});

checkCases('routing/inline-secret', {
  run,
  pass: [{ name: 'a webhook URL without credentials', input: withHook('https://hooks.internal/am') }],
  fail: [
    { name: 'a token in the webhook URL', input: withHook('https://hooks.internal/am?token=abc'), expect: { path: 'hook.webhook_configs[0].url', message: 'receiver "hook": the URL carries `token` in its query' } },
    { name: 'a password in the webhook URL', input: withHook('https://user:hunter2@hooks.internal/am'), expect: { path: 'hook.webhook_configs[0].url', message: 'the URL carries a password' } },
  ],
});

checkCases('routing/interval', {
  run,
  pass: [{ name: 'a group interval of 5m', input: shopRouting({ route: { receiver: 'tickets', groupInterval: '5m', routes: [PAGES] } }) }],
  fail: [
    { name: 'a group interval of zero', input: shopRouting({ route: { receiver: 'tickets', groupInterval: '0s', routes: [PAGES] } }), expect: { path: 'routing.route.groupInterval', message: 'groupInterval 0s is zero' } },
    { name: 'a repeat interval of zero on a child route', input: shopRouting({ route: { receiver: 'tickets', routes: [{ ...PAGES, repeatInterval: '0m' }] } }), expect: { path: 'routing.route.routes[0].repeatInterval' } },
  ],
});

checkCases('routing/label-name', {
  run,
  pass: [{ name: 'a route matching on team', input: shopRouting({ route: { receiver: 'tickets', routes: [PAGES, { matchers: { team: 'hooks' }, receiver: 'tickets' }] } }) }],
  fail: [
    {
      name: 'a route matching on team-name',
      input: shopRouting({ route: { receiver: 'tickets', routes: [PAGES, { matchers: { 'team-name': 'hooks' }, receiver: 'tickets' }] } }),
      expect: { path: 'routing.route.routes[1].matchers', message: 'matcher on "team-name" is not a valid label name' },
    },
    { name: 'an inhibition equal on a name with a dot', input: shopRouting({ inhibitions: [{ ...PAGE_SILENCES_TICKET, equal: ['team.name'] }] }), expect: { path: 'routing.inhibitions[0].equal', message: 'equal label "team.name"' } },
  ],
});

checkCases('routing/matcher-regex', {
  run,
  pass: [{ name: 'a regex that compiles', input: shopRouting({ route: { receiver: 'tickets', routes: [PAGES, { matchers: { team: re('shop|hooks') }, receiver: 'tickets' }] } }) }],
  fail: [
    {
      name: 'a regex with an unclosed group',
      input: shopRouting({ route: { receiver: 'tickets', routes: [PAGES, { matchers: { team: re('shop(|hooks') }, receiver: 'tickets' }] } }),
      expect: { path: 'routing.route.routes[1].matchers.team', message: 'team=~"shop(|hooks"' },
    },
    {
      name: "a regex Go's RE2 refuses in an inhibition (a lookahead)",
      input: shopRouting({ inhibitions: [{ ...PAGE_SILENCES_TICKET, source: { severity: 'page', team: re('(?=shop)') }, equal: ['team'] }] }),
      expect: { path: 'routing.inhibitions[0].source.team' },
    },
  ],
});

checkCases('routing/receiver-field', {
  run,
  pass: [{ name: 'a pager with its routing key file', input: shopRouting() }],
  fail: [
    {
      name: 'a pager whose routing key file is empty',
      input: shopRouting({ receivers: [pagerduty({ name: 'pager', severities: ['page'], team: 'shop', routingKeyFile: '' }), TICKETS] }),
      expect: { path: 'pager.pagerduty_configs[0].routing_key_file', message: 'receiver "pager": a PagerDuty receiver needs one of routing_key_file' },
    },
  ],
});

/** The tickets channel built with `options` spread past the builder's types, as a value made at run time would be. */
const ticketsWith = (options: object) => shopRouting({ receivers: [PAGER, slack({ name: 'tickets', severities: ['ticket'], team: 'shop', apiUrlFile: '/etc/am/slack.url', channel: '#shop', ...options })] });

checkCases('routing/receiver-option', {
  run,
  pass: [
    { name: 'a Slack channel with the options slack() reads', input: ticketsWith({ sendResolved: false, title: 'Shop' }) },
    { name: 'an Alertmanager field lookout does not model, in extra', input: ticketsWith({ extra: { icon_emoji: ':shop:' } }) },
  ],
  fail: [
    { name: 'a misspelt option', input: ticketsWith({ chanel: '#shop-typo' }), expect: { path: 'tickets.chanel', message: 'no option `chanel`: it would be left out of alertmanager.yml', hint: 'did you mean "channel"?' } },
    { name: 'sendResolved given as text', input: ticketsWith({ sendResolved: 'yes' }), expect: { path: 'tickets.sendResolved', message: 'sendResolved must be true or false, not "yes"' } },
  ],
});

checkCases('routing/receiver-url', {
  run,
  pass: [{ name: 'an https webhook URL with a host', input: withHook('https://hooks.internal/am') }],
  fail: [
    { name: 'a webhook URL without a scheme', input: withHook('hooks.internal/am'), expect: { path: 'hook.webhook_configs[0].url', message: 'it has no http:// or https:// scheme' } },
    { name: 'a webhook URL without a host', input: withHook('https:///am'), expect: { path: 'hook.webhook_configs[0].url', message: 'it has no host' } },
  ],
});

/** A ticket of team shop whose query keeps `route`: its value comes from the series. */
const byRoute = (labels: Record<string, string>): AlertRule =>
  alert({ name: 'ShopSlowRoute', expr: sum(rate(shop.metrics.requests, '5m')).by('route').gt(10), for: '5m', severity: 'ticket', summary: 'A route is slow.', description: 'Requests pile up.', labels: { team: 'shop', ...labels } });
const routeRouting = shopRouting({ route: { receiver: 'tickets', routes: [PAGES, { matchers: { route: 'checkout', team: 'hooks' }, receiver: 'tickets' }] } });

checkCases('routing/runtime-label', {
  run: runModules,
  pass: [{ name: 'a route on `route`, which the alert sets itself', input: { alerts: [...SHOP_ALERTS, byRoute({ route: 'checkout' })], routings: [routeRouting] } }],
  fail: [
    {
      name: 'a route on `route`, which the alert gets from its series',
      input: { alerts: [...SHOP_ALERTS, byRoute({})], routings: [routeRouting] },
      expect: { severity: 'warning', path: 'ShopSlowRoute.labels', message: 'the routes match on `route`, which ShopSlowRoute gets from its series at run time' },
    },
  ],
});

const FINOPS_SPEND = alert({ name: 'FinopsSpend', expr: 'sum(shop_queue_depth) > 5', for: '5m', severity: 'ticket', summary: 'Spend is high.', description: 'Spend is high.', labels: { team: 'finops' } });

checkCases('routing/severity', {
  run: runModules,
  pass: [
    { name: 'pages routed to the pager', input: { routings: [shopRouting()] } },
    { name: 'a finops alert routed to a finops queue', input: { alerts: [...SHOP_ALERTS, FINOPS_SPEND], routings: [finopsRouting('finops')] } },
  ],
  fail: [
    {
      name: 'a misspelt severity lets pages fall through to the ticket queue',
      input: { routings: [shopRouting({ route: { receiver: 'tickets', routes: [{ matchers: { severity: 'pager' }, receiver: 'pager' }] } })] },
      expect: { path: 'routing.route', message: 'ShopDown (severity page, team shop) reaches receiver "tickets" through route, but "tickets" is for ticket for team shop' },
    },
    {
      name: "a finops alert routed to the shop's queue",
      input: { alerts: [...SHOP_ALERTS, FINOPS_SPEND], routings: [finopsRouting('tickets')] },
      expect: { path: 'routing.route.routes[1]', message: 'FinopsSpend (severity ticket, team finops) reaches receiver "tickets"' },
    },
  ],
});

/** The shop routing plus a finops queue, with finops alerts sent to `receiver`. */
function finopsRouting(receiver: string): Routing {
  const finops = slack({ name: 'finops', severities: ['ticket'], team: 'finops', apiUrlFile: '/etc/am/slack.url', channel: '#finops' });
  return shopRouting({ receivers: [PAGER, TICKETS, finops], route: { receiver: 'tickets', routes: [PAGES, { matchers: { team: 'finops' }, receiver }, { matchers: { team: 'nobody' }, receiver: 'finops' }] } });
}

checkCases('routing/template-syntax', {
  run,
  pass: [{ name: 'a template that parses', input: shopRouting({ templates: { 'shop.title': '{{ .Status | toUpper }}: {{ .CommonLabels.alertname }}' } }) }],
  fail: [
    {
      name: 'a template calling a function Alertmanager lacks',
      input: shopRouting({ templates: { 'shop.title': '{{ .Status | upper }}: {{ .CommonLabels.alertname }}' } }),
      expect: { path: 'routing.templates.shop.title', message: 'template "shop.title" does not parse (line 1, column' },
    },
    { name: 'an if left open', input: shopRouting({ templates: { 'shop.title': '{{ if .Alerts }}{{ .Status }}' } }), expect: { path: 'routing.templates.shop.title' } },
  ],
});

checkCases('routing/test', {
  run,
  pass: [{ name: 'a case expecting the pager for a page', input: shopRouting({ tests: [{ name: 'pages page', labels: { severity: 'page', team: 'shop' }, receivers: ['pager'] }] }) }],
  fail: [
    {
      name: 'a case expecting the ticket queue for a page',
      input: shopRouting({ tests: [{ name: 'pages page', labels: { severity: 'page', team: 'shop' }, receivers: ['tickets'] }] }),
      expect: { path: 'routing.tests[0]', message: 'routing case "pages page" expects tickets but the routes send it to pager' },
    },
  ],
});

const quietAt = (nights: Options['timeIntervals']) => shopRouting({ timeIntervals: nights, route: { receiver: 'tickets', routes: [{ ...PAGES, muteTimeIntervals: ['nights'] }] } });

checkCases('routing/time-interval', {
  run,
  pass: [{ name: 'nights up to midnight, in London', input: quietAt({ nights: [{ times: [{ start: '22:00', end: '24:00' }], location: 'Europe/London' }] }) }],
  fail: [
    {
      name: 'nights over midnight as one range',
      input: quietAt({ nights: [{ times: [{ start: '22:00', end: '06:00' }], location: 'Europe/London' }] }),
      expect: { path: 'routing.timeIntervals.nights[0].times[0]', message: '22:00–06:00 ends before it starts' },
    },
    { name: 'a time zone in the wrong case', input: quietAt({ nights: [{ times: [{ start: '22:00', end: '24:00' }], location: 'europe/london' }] }), expect: { path: 'routing.timeIntervals.nights[0].location' } },
  ],
});

checkCases('routing/unknown-receiver', {
  run,
  pass: [{ name: 'a route to the pager', input: shopRouting() }],
  fail: [
    {
      name: 'a route to a misspelt pager',
      input: shopRouting({ route: { receiver: 'tickets', routes: [{ ...PAGES, receiver: 'pagr' }] } }),
      expect: { path: 'routing.route.routes[0].receiver', message: 'route.routes[0] sends to receiver "pagr", which is not defined' },
    },
    { name: 'a receiver defined twice', input: shopRouting({ receivers: [PAGER, TICKETS, TICKETS] }), expect: { path: 'tickets.name', message: 'receiver "tickets" is defined twice' } },
    {
      name: 'a routing case expecting an undefined receiver',
      input: shopRouting({ tests: [{ name: 'pages page', labels: { severity: 'page' }, receivers: ['pagr'] }] }),
      expect: { path: 'routing.tests[0].receivers', message: 'expects receiver "pagr", which is not defined' },
    },
  ],
});

const slackText = (text: string, templates: Record<string, string> = {}) =>
  shopRouting({ receivers: [PAGER, slack({ name: 'tickets', severities: ['ticket'], team: 'shop', apiUrlFile: '/etc/am/slack.url', channel: '#shop', text })], templates });

checkCases('routing/unknown-template', {
  run,
  pass: [{ name: 'a text template the routing defines', input: slackText('{{ template "shop.text" . }}', { 'shop.text': '{{ .Status }}' }) }],
  fail: [
    { name: 'a text template nobody defines', input: slackText('{{ template "shop.text" . }}'), expect: { path: 'tickets.slack_configs[0].text', message: 'receiver "tickets" uses template "shop.text", which no routing template defines' } },
    {
      name: 'a routing template using an undefined one',
      input: slackText('{{ template "shop.text" . }}', { 'shop.text': '{{ template "shop.body" . }}' }),
      expect: { path: 'routing.templates.shop.text', message: 'template "shop.text" uses template "shop.body", which is not defined' },
    },
  ],
});

checkCases('routing/unknown-time-interval', {
  run,
  pass: [{ name: 'pages muted at nights, which are defined', input: quietAt({ nights: [{ times: [{ start: '22:00', end: '24:00' }] }] }) }],
  fail: [
    {
      name: 'pages muted at nights, which are not defined',
      input: quietAt({ night: [{ times: [{ start: '22:00', end: '24:00' }] }] }),
      expect: { path: 'routing.route.routes[0].muteTimeIntervals', message: 'route.routes[0] names time interval "nights", which is not defined' },
    },
  ],
});

checkCases('routing/unused-receiver', {
  run,
  pass: [{ name: 'every receiver reached', input: shopRouting() }],
  fail: [
    {
      name: 'a spare receiver no route names',
      input: shopRouting({ receivers: [PAGER, TICKETS, webhook({ name: 'spare', severities: ['ticket'], url: 'https://hooks.internal/am' })] }),
      expect: { severity: 'warning', path: 'spare.name', message: 'no route sends anything to receiver "spare"' },
    },
  ],
});

checkCases('routing/duplicate', {
  run: runModules,
  pass: [{ name: 'one routing module', input: { routings: [shopRouting()] } }],
  fail: [
    {
      name: 'a second routing module',
      input: { routings: [shopRouting(), shopRouting()] },
      expect: { path: 'routing', message: 'a second routing definition (the first is in rules/routing.ts): Alertmanager has one route tree' },
    },
  ],
});
