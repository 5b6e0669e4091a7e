import { variants, type Mutation } from './mutation.js';

const S = 'slo/payments.ts';

export const SLOS: Mutation[] = [
  ...variants('slo', 'slo-objective', S, 'objective: 99.9,', [
    ['hundred', 'objective: 100,'],
    ['zero', 'objective: 0,'],
    ['above-hundred', 'objective: 101,'],
    ['negative', 'objective: -1,'],
    ['nan', 'objective: NaN,'],
    ['fraction-style', 'objective: 0.999,'],
    ['many-nines', 'objective: 99.99999,'],
  ]),
  ...variants('slo', 'slo-period', S, "period: '28d',", [
    ['zero', "period: '0d',"],
    ['hour', "period: '1h',"],
    ['garbage', "period: 'monthly' as never,"],
    ['year', "period: '400d',"],
    ['negative', "period: '-28d' as never,"],
  ]),
  ...variants('slo', 'slo-name', S, "name: 'authorize-success',", [
    ['empty', "name: '',"],
    ['space', "name: 'Authorize Success',"],
    ['duplicate', "name: 'capture-latency-1s',"],
  ]),
  ...variants('slo', 'slo-service', S, "service: 'payments-api',\n  name: 'authorize-success',", [
    ['empty', "service: '',\n  name: 'authorize-success',"],
  ]),
  ...variants('slo', 'slo-description', S, "description: 'Authorizations are answered without a server error.',", [
    ['empty', "description: '',"],
  ]),
  ...variants('slo', 'slo-alerting', S, "alerting: { name: 'PaymentsAuthorizeBudgetBurn', ...alerting },", [
    ['empty-name', "alerting: { name: '', ...alerting },"],
    ['rule-alert-name', "alerting: { name: 'PaymentsHighErrorRate', ...alerting },"],
    ['other-slo-name', "alerting: { name: 'PaymentsCaptureLatencyBudgetBurn', ...alerting },"],
    ['off', 'alerting: false,'],
    ['no-team', "alerting: { name: 'PaymentsAuthorizeBudgetBurn', dashboard: 'payments-api-slo' },"],
    ['unknown-dashboard', "alerting: { name: 'PaymentsAuthorizeBudgetBurn', ...alerting, dashboard: 'nope' },"],
    ['tiers-empty', "alerting: { name: 'PaymentsAuthorizeBudgetBurn', ...alerting, tiers: [] },"],
    ['tiers-garbage', "alerting: { name: 'PaymentsAuthorizeBudgetBurn', ...alerting, tiers: [{ nonsense: true }] as never },"],
    ['bad-label', "alerting: { name: 'PaymentsAuthorizeBudgetBurn', ...alerting, labels: { '1team': 'x' } },"],
    ['annotation-template', "alerting: { name: 'PaymentsAuthorizeBudgetBurn', ...alerting, annotations: { x: '{{ .Nope ' } },"],
  ]),
  ...variants('slo', 'slo-latency', S, 'sli: latency({ histogram: m.duration, threshold: 1 }),', [
    ['threshold-not-a-bucket', 'sli: latency({ histogram: m.duration, threshold: 0.3 }),'],
    ['threshold-negative', 'sli: latency({ histogram: m.duration, threshold: -1 }),'],
    ['threshold-above-buckets', 'sli: latency({ histogram: m.duration, threshold: 10 }),'],
    ['histogram-counter', 'sli: latency({ histogram: m.requests as never, threshold: 1 }),'],
  ]),
  ...variants('slo', 'slo-ratio', S, "sli: ratio({ errors: m.requests.where({ method: 'authorize', code: re('5..') }), total: m.requests.where({ method: 'authorize' }) }),", [
    ['same-selectors', "sli: ratio({ errors: m.requests.where({ method: 'authorize' }), total: m.requests.where({ method: 'authorize' }) }),"],
    ['gauge-errors', 'sli: ratio({ errors: m.queueDepth as never, total: m.requests }),'],
    ['unknown-label', "sli: ratio({ errors: m.requests.where({ region: 'eu' } as never), total: m.requests }),"],
    ['bad-regex', "sli: ratio({ errors: m.requests.where({ code: re('5..(') }), total: m.requests }),"],
    ['missing', 'sli: undefined as never,'],
    ['raw-broken', "sli: rawSLI({ errors: 'sum(rate(payments_requests_total{code=~\"5..\"}[5m])', total: 'sum(rate(payments_requests_total[5m]))' }),"],
    ['raw-unknown-metric', "sli: rawSLI({ errors: 'payments_failures_total', total: 'payments_requests_total' }),"],
  ]),
  ...variants('slo', 'slo-group-by', S, "objective: 99.9,", [
    ['unknown-label', "objective: 99.9, groupBy: ['region'] as never,"],
    ['empty', 'objective: 99.9, groupBy: [],'],
  ]),
  ...variants('slo', 'slo-export', S, 'export const captureLatency = defineSLO({', [
    ['duplicate-export', 'export const again = authorizeSuccess;\nexport const captureLatency = defineSLO({'],
    ['same-id', "export const sameId = defineSLO({ ...authorizeSuccess, alerting: false } as never);\nexport const captureLatency = defineSLO({"],
  ]),
];
