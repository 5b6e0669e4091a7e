import { variants, type Mutation } from './mutation.js';

const R = 'rules/routing.ts';

const durations = (['groupWait', 'groupInterval', 'repeatInterval'] as const).flatMap((field) => {
  const value = { groupWait: '30s', groupInterval: '5m', repeatInterval: '12h' }[field];
  return variants('routing', `routing-${field}`, R, `${field}: '${value}',`, [
    ['zero', `${field}: '0s',`],
    ['negative', `${field}: '-1m' as never,`],
    ['garbage', `${field}: 'often' as never,`],
    ['huge', `${field}: '99999d',`],
  ]);
});

const matchers = variants('routing', 'routing-matcher', R, "{ matchers: { severity: 'page' }, receiver: 'incident-log', continue: true, groupWait: '10s' },", [
  ['bad-regex', "{ matchers: { severity: re('(') }, receiver: 'incident-log', continue: true, groupWait: '10s' },"],
  ['bad-label-name', "{ matchers: { '1sev': 'page' }, receiver: 'incident-log', continue: true, groupWait: '10s' },"],
  ['empty-value', "{ matchers: { severity: '' }, receiver: 'incident-log', continue: true, groupWait: '10s' },"],
  ['empty-matchers', "{ matchers: {}, receiver: 'incident-log', continue: true, groupWait: '10s' },"],
  ['unknown-severity', "{ matchers: { severity: 'critical' }, receiver: 'incident-log', continue: true, groupWait: '10s' },"],
  ['unknown-receiver-typed', "{ matchers: { severity: 'page' }, receiver: 'nobody', continue: true, groupWait: '10s' },"],
  ['unknown-receiver-cast', "{ matchers: { severity: 'page' }, receiver: 'nobody' as never, continue: true, groupWait: '10s' },"],
  ['group-wait-garbage', "{ matchers: { severity: 'page' }, receiver: 'incident-log', continue: true, groupWait: 'x' as never },"],
  ['matchers-null', "{ matchers: null as never, receiver: 'incident-log', continue: true, groupWait: '10s' },"],
]);

const receivers = [
  ...variants('routing', 'routing-webhook-url', R, "url: 'http://incident-log.internal:8080/v1/alertmanager'", [
    ['javascript', "url: 'javascript:alert(1)'"],
    ['not-a-url', "url: 'incident log'"],
    ['ftp', "url: 'ftp://incident-log.internal/'"],
    ['empty', "url: ''"],
    ['no-host', "url: 'http://'"],
  ]),
  ...variants('routing', 'routing-receiver-name', R, "name: 'payments-pager'", [
    ['empty', "name: ''"],
    ['duplicate', "name: 'payments-slack'"],
  ]),
  ...variants('routing', 'routing-pagerduty', R, 'routingKeyFile: `${secrets}/pagerduty-payments.key`', [
    ['empty', "routingKeyFile: ''"],
    ['relative', "routingKeyFile: 'pagerduty.key'"],
    ['inline-key', "routingKey: 'abc123' as never, routingKeyFile: undefined as never"],
  ]),
  ...variants('routing', 'routing-slack', R, "channel: '#payments-alerts'", [
    ['no-hash', "channel: 'payments-alerts'"],
    ['empty', "channel: ''"],
  ]),
  ...variants('routing', 'routing-severities', R, "severities: ['ticket'], team: 'merchants'", [
    ['empty', "severities: [], team: 'merchants'"],
    ['unknown', "severities: ['critical'] as never, team: 'merchants'"],
  ]),
  ...variants('routing', 'routing-root-receiver', R, "receiver: 'payments-slack',\n    groupBy", [
    ['unknown', "receiver: 'nobody' as never,\n    groupBy"],
  ]),
];

const groupBy = variants('routing', 'routing-groupby', R, "groupBy: ['alertname', 'team'],", [
  ['dots-and-label', "groupBy: ['...', 'team'],"],
  ['dots-string', "groupBy: '...',"],
  ['empty', 'groupBy: [],'],
  ['bad-label', "groupBy: ['alertname', '1team'],"],
  ['duplicate', "groupBy: ['team', 'team'],"],
  ['not-an-array', "groupBy: 'team' as never,"],
]);

const intervals = [
  ...variants('routing', 'routing-times', R, "times: [{ start: '09:00', end: '18:00' }]", [
    ['end-before-start', "times: [{ start: '18:00', end: '09:00' }]"],
    ['equal', "times: [{ start: '09:00', end: '09:00' }]"],
    ['hour-25', "times: [{ start: '09:00', end: '25:00' }]"],
    ['no-padding', "times: [{ start: '9:00', end: '18:00' }]"],
    ['garbage', "times: [{ start: 'morning', end: 'evening' }]"],
    ['missing-end', "times: [{ start: '09:00' } as never]"],
  ]),
  ...variants('routing', 'routing-weekdays', R, "weekdays: ['monday:friday']", [
    ['unknown-day', "weekdays: ['funday']"],
    ['reversed', "weekdays: ['friday:monday']"],
  ]),
  ...variants('routing', 'routing-location', R, "location: 'Europe/Berlin'", [
    ['mars', "location: 'Mars/Phobos'"],
    ['empty', "location: ''"],
    ['offset', "location: '+02:00'"],
  ]),
  ...variants('routing', 'routing-months', R, "months: ['1:12'], daysOfMonth: ['1:7']", [
    ['month-13', "months: ['13'], daysOfMonth: ['1:7']"],
    ['reversed-months', "months: ['12:1'], daysOfMonth: ['1:7']"],
    ['day-0', "months: ['1:12'], daysOfMonth: ['0']"],
    ['day-32', "months: ['1:12'], daysOfMonth: ['1:32']"],
    ['years-garbage', "months: ['1:12'], daysOfMonth: ['1:7'], years: ['soon']"],
  ]),
  ...variants('routing', 'routing-interval-names', R, "activeTimeIntervals: ['business-hours'], muteTimeIntervals: ['maintenance']", [
    ['unknown-typed', "activeTimeIntervals: ['office-hours'], muteTimeIntervals: ['maintenance']"],
    ['unknown-cast', "activeTimeIntervals: ['office-hours' as never], muteTimeIntervals: ['maintenance']"],
    ['same-in-both', "activeTimeIntervals: ['business-hours'], muteTimeIntervals: ['business-hours']"],
  ]),
  ...variants('routing', 'routing-interval-defs', R, "maintenance: [{ weekdays: ['sunday'], times: [{ start: '02:00', end: '04:00' }], months: ['1:12'], daysOfMonth: ['1:7'] }],", [
    ['empty-ranges', 'maintenance: [],'],
    ['empty-range', 'maintenance: [{}],'],
  ]),
];

const inhibitions = variants('routing', 'routing-inhibit', R, "equal: ['team'],", [
  ['equal-empty', 'equal: [],'],
  ['equal-unknown', "equal: ['region'],"],
  ['source-empty', "equal: ['team'], source: {},"],
  ['target-regex', "equal: ['team'], target: { alertname: re('(') },"],
]);

const misc = [
  ...variants('routing', 'routing-tests', R, "receivers: ['merchants-slack'] },", [
    ['wrong-receiver', "receivers: ['payments-slack'] },"],
    ['empty', 'receivers: [] },'],
    ['unknown-cast', "receivers: ['nobody' as never] },"],
  ]),
  ...variants('routing', 'routing-top', R, 'tests: [', [
    ['resolve-timeout-zero', "resolveTimeout: '0s', tests: ["],
    ['resolve-timeout-garbage', "resolveTimeout: 'x' as never, tests: ["],
    ['template-syntax', "templates: { 'payments.title': '{{ .Status ' }, tests: ["],
    ['template-override-broken', "templates: { 'lookout.title': '{{ end }}' }, tests: ["],
  ]),
  ...variants('routing', 'routing-export', R, 'export default defineRouting({', [
    ['second-routing', "export const other = defineRouting({ receivers: [], route: { receiver: 'x' as never } });\nexport default defineRouting({"],
  ]),
];

export const ROUTING: Mutation[] = [...durations, ...matchers, ...receivers, ...groupBy, ...intervals, ...inhibitions, ...misc];
