import { variants, type Mutation } from './mutation.js';

const R = 'rules/payments.ts';
const P = 'rules/processors.ts';
const TEAM = "labels: { team: 'payments' },\n      tests";

const names = variants('alert', 'alert-name', R, "name: 'PaymentsHighErrorRate',", [
  ['empty', "name: '',"],
  ['space', "name: 'Payments High Error Rate',"],
  ['lowercase', "name: 'paymentsHighErrorRate',"],
  ['too-long', `name: 'Payments${'VeryHigh'.repeat(6)}ErrorRate',`],
  ['duplicate-same-severity', "name: 'PaymentsSettlementBacklog',"],
  ['duplicate-other-file', "name: 'PaymentsProcessorCircuitOpen',"],
  ['duplicate-slo-alert', "name: 'PaymentsAuthorizeBudgetBurn',"],
]);

const durations = [
  ...variants('alert', 'alert-for', R, "for: '5m',", [
    ['no-unit', "for: '5' as never,"],
    ['negative', "for: '-5m' as never,"],
    ['zero', "for: '0s',"],
    ['garbage', "for: 'soon' as never,"],
    ['huge', "for: '99999d',"],
  ]),
  ...variants('alert', 'alert-keep-firing', P, "keepFiringFor: '2m',", [
    ['garbage', "keepFiringFor: 'a while' as never,"],
    ['negative', "keepFiringFor: '-2m' as never,"],
    ['huge', "keepFiringFor: '9999d',"],
  ]),
];

const severities = variants('alert', 'alert-severity', R, "severity: 'page',", [
  ['critical-typed', "severity: 'critical',"],
  ['critical-cast', "severity: 'critical' as never,"],
  ['info', "severity: 'info',"],
  ['ticket', "severity: 'ticket',"],
]);

const labels = variants('alert', 'alert-labels', R, TEAM, [
  ['empty-team', "labels: { team: '' },\n      tests"],
  ['no-team', 'labels: {},\n      tests'],
  ['bad-name', "labels: { team: 'payments', '1tier': 'x' },\n      tests"],
  ['severity-override', "labels: { team: 'payments', severity: 'low' },\n      tests"],
  ['template-unknown-label', "labels: { team: 'payments', owner: '{{ $labels.owner }}' },\n      tests"],
  ['template-syntax', "labels: { team: 'payments', owner: '{{ $labels.method ' },\n      tests"],
  ['template-function', "labels: { team: ({ labels }) => labels.method.toUpperCase() as never },\n      tests"],
]);

const annotations = variants('alert', 'alert-annotations', P, "annotations: { playbook: 'Call the processor status line.' },", [
  ['template-syntax', "annotations: { playbook: '{{ if }}' },"],
  ['template-unclosed', "annotations: { playbook: '{{ .Labels.processor ' },"],
  ['unknown-label', "annotations: { playbook: '{{ $labels.region }}' },"],
  ['unknown-function', "annotations: { playbook: '{{ frobnicate $value }}' },"],
  ['reserved-summary', "annotations: { summary: 'another summary' },"],
  ['bad-key', "annotations: { 'play book': 'x' },"],
]);

const texts = [
  ...variants('alert', 'alert-summary', R, "summary: 'The payments API is answering with 5xx errors.',", [
    ['empty', "summary: '',"],
    ['templated', "summary: 'The payments API fails {{ $labels.method }}.',"],
    ['template-syntax', "summary: 'The payments API fails {{ .',"],
  ]),
  ...variants('alert', 'alert-description', R, 'description: ({ labels, value }) => `${value.humanizePercentage()} of ${labels.method} requests failed over the last 5 minutes.`,', [
    ['empty', "description: '',"],
    ['throws', "description: () => { throw new Error('no description'); },"],
    ['throws-string', "description: () => { throw 'no description'; },"],
    ['spins', 'description: () => { for (;;) {} },'],
    ['template-syntax', "description: 'Failing {{ range }}',"],
    ['unknown-label-typed', 'description: ({ labels }) => `Failing ${labels.region}`,'],
    ['unknown-label-string', "description: 'Failing {{ $labels.region }}',"],
    ['printf-bad-verb', 'description: ({ value }) => `${value.printf(\'%Q\')}`,'],
  ]),
  ...variants('alert', 'alert-links', R, "dashboard: 'payments-overview',", [
    ['unknown-dashboard', "dashboard: 'payments-nope',"],
    ['javascript-url', "dashboard: 'javascript:alert(1)',"],
    ['empty', "dashboard: '',"],
    ['runbook-javascript', "dashboard: 'payments-overview', runbook: 'javascript:alert(1)',"],
  ]),
];

const tests = [
  ...variants('alert', 'alert-test-at', R, "{ at: '15m', firing: [{ labels: { method: 'capture' } }] },", [
    ['huge', "{ at: '99999d', firing: [{ labels: { method: 'capture' } }] },"],
    ['negative', "{ at: '-15m' as never, firing: [{ labels: { method: 'capture' } }] },"],
    ['wrong-expectation', "{ at: '15m', firing: [{ labels: { method: 'refund' } }] },"],
    ['unknown-label', "{ at: '15m', firing: [{ labels: { region: 'eu' } }] },"],
    ['wrong-annotation', "{ at: '15m', firing: [{ labels: { method: 'capture' }, annotations: { summary: 'wrong' } }] },"],
  ]),
  ...variants('alert', 'alert-test-interval', R, "interval: '1m',", [
    ['zero', "interval: '0s',"],
    ['tiny', "interval: '1ms' as never,"],
    ['huge', "interval: '9999d',"],
  ]),
  ...variants('alert', 'alert-test-values', R, "'0+6x20'", [
    ['garbage', "'lots'"],
    ['huge-expansion', "'0+6x100000000'"],
    ['empty', "''"],
  ]),
  ...variants('alert', 'alert-test-series', R, "series(m.requests, { method: 'capture', code: '500' }, '0+6x20'),", [
    ['unknown-metric', "{ metric: 'payments_nope_total', labels: { method: 'capture' }, values: '0+6x20' },"],
    ['bad-label-name', "{ metric: 'payments_requests_total', labels: { '1x': 'y' }, values: '0+6x20' },"],
    ['typed-unknown-value', "series(m.requests, { method: 'capture', code: '999' }, '0+6x20'),"],
  ]),
  ...variants('alert', 'alert-test-name', R, "name: 'a tenth of captures failing for ten minutes pages',", [
    ['empty', "name: '',"],
    ['duplicate-generated', "name: 'PaymentsHighErrorRate fires',"],
  ]),
];

const exprs = variants('alert', 'alert-expr', R, 'expr: failed.div(all).gt(0.05),', [
  ['not-a-comparison', 'expr: failed.div(all),'],
  ['never-fires', 'expr: failed.div(all).gt(2),'],
  ['undefined', 'expr: undefined as never,'],
  ['throws', "expr: (() => { throw new Error('no expr'); })(),"],
]);

export const ALERTS: Mutation[] = [...names, ...durations, ...severities, ...labels, ...annotations, ...texts, ...tests, ...exprs];

const records = variants('record', 'record-name', R, "name: 'method:payments_requests:rate5m',", [
  ['empty', "name: '',"],
  ['space', "name: 'method payments requests',"],
  ['catalog-metric', "name: 'payments_requests_total',"],
  ['no-colons', "name: 'payments_requests_rate5m',"],
  ['duplicate-alert', "name: 'PaymentsHighErrorRate',"],
]);
const recordExtras = [
  ...variants('record', 'record-labels', R, 'expr: all,', [
    ['bad-name', "expr: all, labels: { '1x': 'y' },"],
    ['reserved', "expr: all, labels: { __name__: 'y' },"],
    ['template', "expr: all, labels: { x: '{{ $labels.method }}' },"],
    ['undefined-expr', 'expr: undefined as never,'],
  ]),
  ...variants('record', 'record-duplicate', R, '    requestRate,\n', [
    ['twice', '    requestRate,\n    requestRate,\n'],
    ['loose', '    requestRate,\n    ...([] as never[]),\n'],
  ]),
];
export const RECORDS: Mutation[] = [...records, ...recordExtras];

export const GROUPS: Mutation[] = [
  ...variants('group', 'group-interval', R, "interval: '30s',", [
    ['removed', ''],
    ['zero', "interval: '0s',"],
    ['negative', "interval: '-30s' as never,"],
    ['garbage', "interval: 'sometimes' as never,"],
    ['tiny', "interval: '1ms' as never,"],
    ['huge', "interval: '30d',"],
  ]),
  ...variants('group', 'group-name', R, "name: 'payments-api',", [
    ['empty', "name: '',"],
    ['duplicate', "name: 'payments-processors',"],
    ['slash', "name: 'payments/api',"],
    ['limit-negative', "name: 'payments-api', limit: -1,"],
  ]),
  ...variants('group', 'group-rules', P, 'rules: [', [
    ['empty', 'rules: [] as never[], _r: ['],
    ['non-rule', "rules: ['not a rule' as never, "],
    ['null', 'rules: [null as never, '],
  ]),
  ...variants('group', 'group-export', P, 'export default ruleGroup({', [
    ['exported-twice', 'export const again = ruleGroup({ name: "payments-processors", rules: [] });\nexport default ruleGroup({'],
    ['not-exported', 'const unused = ruleGroup({'],
  ]),
];
