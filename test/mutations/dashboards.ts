import { variants, type Mutation } from './mutation.js';

const D = 'dashboards/payments.ts';

export const DASHBOARDS: Mutation[] = [
  ...variants('dashboard', 'dashboard-title', D, "title: 'Payments overview',", [
    ['empty', "title: '',"],
    ['number', 'title: 42 as never,'],
    ['huge', "title: 'x'.repeat(100000),"],
  ]),
  ...variants('dashboard', 'dashboard-slug', D, "slug: 'payments-overview',", [
    ['empty', "slug: '',"],
    ['space', "slug: 'Payments Overview',"],
    ['clash-slo-overview', "slug: 'payments-api-slo',"],
    ['clash-slo', "slug: 'slo-payments-api-authorize-success',"],
    ['path', "slug: '../escape',"],
  ]),
  ...variants('dashboard', 'dashboard-description', D, "description: 'Requests, errors, latency and settlements of payments-api.',", [
    ['empty', "description: '',"],
  ]),
  ...variants('dashboard', 'dashboard-panel-title', D, "title: 'Requests per second by method',", [
    ['empty', "title: '',"],
    ['number', 'title: 42 as never,'],
    ['duplicate', "title: 'Error ratio by method',"],
  ]),
  ...variants('dashboard', 'dashboard-unit', D, "unit: 'reqps',", [
    ['bogus', "unit: 'furlongs',"],
    ['empty', "unit: '',"],
    ['number', 'unit: 5 as never,'],
  ]),
  ...variants('dashboard', 'dashboard-latency-unit', D, "unit: 's',", [
    ['milliseconds', "unit: 'ms',"],
  ]),
  ...variants('dashboard', 'dashboard-thresholds', D, 'thresholds: atMost(1000),', [
    ['unsorted', "thresholds: [{ value: null, color: 'green' }, { value: 1000, color: 'red' }, { value: 10, color: 'orange' }],"],
    ['bad-color', "thresholds: [{ value: null, color: 'greenish-ish' }],"],
    ['no-base', "thresholds: [{ value: 10, color: 'red' }],"],
    ['empty', 'thresholds: [],'],
    ['nan', 'thresholds: atMost(NaN),'],
  ]),
  ...variants('dashboard', 'dashboard-size', D, "title: 'Settlements waiting',", [
    ['width-zero', "title: 'Settlements waiting', width: 0,"],
    ['width-25', "title: 'Settlements waiting', width: 25,"],
    ['width-negative', "title: 'Settlements waiting', width: -4,"],
    ['decimals-negative', "title: 'Settlements waiting', decimals: -1,"],
    ['min-above-max', "title: 'Settlements waiting', min: 10, max: 1,"],
  ]),
  ...variants('dashboard', 'dashboard-queries', D, "queries: [query(max(m.queueDepth.where(scope)).by('queue'), '', { instant: true, format: 'table' })],", [
    ['empty', 'queries: [],'],
    ['null-query', 'queries: [null as never],'],
    ['bad-format', "queries: [query(max(m.queueDepth.where(scope)).by('queue'), '', { instant: true, format: 'csv' as never })],"],
    ['legend-unknown-label', "queries: [query(max(m.queueDepth.where(scope)).by('queue'), '{{region}}', { instant: true, format: 'table' })],"],
    ['sort-unknown-column', "sortBy: 'Nope', queries: [query(max(m.queueDepth.where(scope)).by('queue'), '', { instant: true, format: 'table' })],"],
  ]),
  ...variants('dashboard', 'dashboard-state-timeline', D, "states: stateStyles(m.processorState, { closed: 'green', half_open: 'orange', open: 'red' }),", [
    ['bad-color', "states: stateStyles(m.processorState, { closed: 'green', half_open: 'orange', open: 'reddish-ish' }),"],
    ['missing-state', "states: stateStyles(m.processorState, { closed: 'green', open: 'red' } as never),"],
    ['empty', 'states: [],'],
    ['wrong-values', "states: [{ value: 7, text: 'seven', color: 'red' }] as never,"],
  ]),
  ...variants('dashboard', 'dashboard-markdown', D, "markdown({ title: 'About settlements', content: 'Settlements leave for the bank every **15 minutes**.' }),", [
    ['empty', "markdown({ title: 'About settlements', content: '' }),"],
    ['script', "markdown({ title: 'About settlements', content: '<script>alert(1)</script>' }),"],
    ['not-a-string', "markdown({ title: 'About settlements', content: 5 as never }),"],
  ]),
  ...variants('dashboard', 'dashboard-rows', D, "row('Settlements', [", [
    ['empty-title', "row('', ["],
    ['duplicate-title', "row('Requests', ["],
  ]),
  ...variants('dashboard', 'dashboard-mirror', D, "mirrors: alertThreshold(alertNamed(paymentsRules, 'PaymentsHighErrorRate')),", [
    ['unknown-alert', "mirrors: alertThreshold(alertNamed(paymentsRules, 'PaymentsNope')),"],
    ['non-threshold-alert', "mirrors: alertThreshold(alertNamed(paymentsRules, 'PaymentsSettlementBacklog')),"],
  ]),
  ...variants('dashboard', 'dashboard-options', D, 'variables: scopeVariables({ targets: m.requests }),', [
    ['time-garbage', "variables: scopeVariables({ targets: m.requests }), time: { from: 'yesterday-ish', to: 'now' },"],
    ['refresh-garbage', "variables: scopeVariables({ targets: m.requests }), refresh: 'often',"],
    ['variables-null', 'variables: [null as never],'],
    ['links-bad', "variables: scopeVariables({ targets: m.requests }), links: [{ title: 'x', url: 'javascript:alert(1)' }] as never,"],
  ]),
];
