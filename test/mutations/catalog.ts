import { variants, type Mutation } from './mutation.js';

const F = 'metrics.ts';
const NAMES = {
  requests: 'payments_requests_total',
  duration: 'payments_request_duration_seconds',
  queue: 'payments_settlement_queue_depth',
  state: 'payments_processor_circuit_state',
  webhooks: 'payments_webhook_deliveries',
} as const;

/** Every metric's name, broken the ways a name can be. */
const names = Object.entries(NAMES).filter(([key]) => key === 'requests' || key === 'duration' || key === 'webhooks').flatMap(([key, name]) =>
  variants('catalog', `catalog-name-${key}`, F, `name: '${name}'`, [
    ['empty', "name: ''"],
    ['space', `name: '${name.replace('_', ' ')}'`],
    ['digit-first', `name: '9${name}'`],
    ['dashes', `name: '${name.replaceAll('_', '-')}'`],
    ['reserved', `name: '__${name}'`],
    ['duplicate', `name: '${key === 'requests' ? NAMES.webhooks : NAMES.requests}'`],
    ['not-a-string', 'name: 42 as never'],
  ]),
);

/** Suffix conventions: a counter without _total, a _total that is not a counter, units in names. */
const suffixes: Mutation[] = [
  ...variants('catalog', 'catalog-suffix', F, `name: '${NAMES.requests}'`, [
    ['counter-without-total', "name: 'payments_requests'"],
    ['counter-double-total', "name: 'payments_requests_total_total'"],
  ]),
  ...variants('catalog', 'catalog-suffix', F, `name: '${NAMES.queue}'`, [['gauge-with-total', "name: 'payments_settlement_queue_depth_total'"]]),
  ...variants('catalog', 'catalog-suffix', F, `name: '${NAMES.duration}'`, [
    ['histogram-bucket', "name: 'payments_request_duration_seconds_bucket'"],
    ['histogram-ms', "name: 'payments_request_duration_milliseconds'"],
  ]),
];

const help = [
  ...variants('catalog', 'catalog-help', F, "help: 'Payment API requests answered, by method and status code.'", [
    ['empty', "help: ''"],
    ['missing', '_help: 1'],
    ['not-a-string', 'help: 7 as never'],
  ]),
];

const units = [
  ...variants('catalog', 'catalog-unit', F, "unit: 'seconds'", [
    ['milliseconds', "unit: 'milliseconds'"],
    ['bogus', "unit: 'parsecs'"],
    ['empty', "unit: ''"],
  ]),
];

const labels = [
  ...variants('catalog', 'catalog-labels-requests', F, "labels: { method: ['authorize', 'capture', 'refund'], code: ['200', '400', '402', '500', '503'] }", [
    ['digit-name', "labels: { '1method': ['authorize', 'capture', 'refund'], code: ['200', '400', '402', '500', '503'] }"],
    ['reserved-name', "labels: { __name__: ['authorize', 'capture', 'refund'], code: ['200', '400', '402', '500', '503'] }"],
    ['le', "labels: { le: ['authorize', 'capture', 'refund'], code: ['200', '400', '402', '500', '503'] }"],
    ['job', "labels: { job: ['authorize', 'capture', 'refund'], code: ['200', '400', '402', '500', '503'] }"],
    ['empty-values', "labels: { method: [], code: ['200', '400', '402', '500', '503'] }"],
    ['duplicate-values', "labels: { method: ['authorize', 'authorize', 'refund'], code: ['200', '400', '402', '500', '503'] }"],
    ['empty-value', "labels: { method: ['', 'capture', 'refund'], code: ['200', '400', '402', '500', '503'] }"],
    ['spec-number', "labels: { method: 42 as never, code: ['200', '400', '402', '500', '503'] }"],
    ['spec-null', 'labels: null as never'],
    ['dropped-code', "labels: { method: ['authorize', 'capture', 'refund'] }"],
  ]),
  ...variants('catalog', 'catalog-labels-duration', F, "labels: { method: ['authorize', 'capture', 'refund'] },\n      buckets", [
    ['le', "labels: { le: ['authorize', 'capture', 'refund'] },\n      buckets"],
    ['renamed', "labels: { verb: ['authorize', 'capture', 'refund'] },\n      buckets"],
    ['open', "labels: { method: 'open' },\n      buckets"],
  ]),
  ...variants('catalog', 'catalog-labels-queue', F, "labels: { queue: ['card', 'bank'] }", [
    ['renamed', "labels: { lane: ['card', 'bank'] }"],
    ['values-changed', "labels: { queue: ['visa', 'sepa'] }"],
  ]),
];

const buckets = variants('catalog', 'catalog-buckets', F, 'buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5]', [
  ['empty', 'buckets: []'],
  ['unsorted', 'buckets: [0.05, 0.5, 0.1, 0.25, 1, 2.5, 5]'],
  ['duplicate', 'buckets: [0.05, 0.1, 0.1, 0.25, 0.5, 1, 2.5, 5]'],
  ['negative', 'buckets: [-1, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5]'],
  ['infinity', 'buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, Infinity]'],
  ['no-threshold', 'buckets: [0.05, 0.1, 0.25, 0.5, 2.5, 5]'],
  ['not-an-array-string', "buckets: '0.05,0.1' as never"],
  ['not-an-array-object', 'buckets: { le: 1 } as never'],
  ['missing', '_buckets: 1'],
  ['huge', 'buckets: Array.from({ length: 5000 }, (_, i) => (i + 1) / 1000) as [number, ...number[]]'],
]);

const types = [
  ...variants('catalog', 'catalog-type', F, 'requests: counter({', [
    ['counter-as-gauge', 'requests: gauge({'],
    ['counter-as-histogram', 'requests: histogram({'],
  ]),
  ...variants('catalog', 'catalog-type', F, 'queueDepth: gauge({', [['gauge-as-counter', 'queueDepth: counter({']]),
  ...variants('catalog', 'catalog-type', F, 'duration: histogram({', [['histogram-as-counter', 'duration: counter({']]),
];

const exporter = variants('catalog', 'catalog-exporter', F, "exporterName: { reason: 'Named by the webhook relay sidecar, which payments-api does not own.' },", [
  ['missing', ''],
  ['empty-reason', "exporterName: { reason: '' },"],
  ['reason-number', 'exporterName: { reason: 1 } as never,'],
]);

const states = variants('catalog', 'catalog-states', F, 'states: { closed: 0, half_open: 1, open: 2 }', [
  ['empty', 'states: {}'],
  ['duplicate-values', 'states: { closed: 0, half_open: 1, open: 1 }'],
  ['negative', 'states: { closed: -1, half_open: 1, open: 2 }'],
  ['renamed-open', 'states: { closed: 0, half_open: 1, tripped: 2 }'],
]);

const jobs = variants('catalog', 'catalog-job', F, "job: 'payments-api',", [
  ['empty', "job: '',"],
  ['space', "job: 'payments api',"],
  ['missing', ''],
  ['jobs-empty', 'jobs: [] as never,'],
]);

const whole = variants('catalog', 'catalog-catalog', F, 'export const payments = defineMetrics({', [
  ['throws', "if (Date.now() > 0) throw new Error('the catalog failed');\nexport const payments = defineMetrics({"],
  ['histogram-bucket-name-clash', "export const clash = defineMetrics({ job: 'payments-api', metrics: { b: counter({ name: 'payments_request_duration_seconds_bucket', help: 'x' }) } });\nexport const payments = defineMetrics({"],
]);

export const CATALOG: Mutation[] = [...names, ...suffixes, ...help, ...units, ...labels, ...buckets, ...types, ...exporter, ...states, ...jobs, ...whole];
