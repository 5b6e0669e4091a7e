import { variants, type Mutation } from './mutation.js';

/** PromQL written as text: parsed and checked against the catalog at generate time, not by tsc. */
const ALERT = "expr: 'max by (queue) (payments_settlement_queue_depth) > 1000',";
const broken: (readonly [string, string])[] = [
  ['unclosed-paren', 'max by (queue) (payments_settlement_queue_depth > 1000'],
  ['dangling-operator', 'max by (queue) (payments_settlement_queue_depth) >'],
  ['empty', ''],
  ['whitespace', '   '],
  ['unknown-metric', 'max by (queue) (payments_settlement_queue) > 1000'],
  ['unknown-label-by', 'max by (region) (payments_settlement_queue_depth) > 1000'],
  ['unknown-label-matcher', 'max by (queue) (payments_settlement_queue_depth{region="eu"}) > 1000'],
  ['unknown-label-value', 'max by (queue) (payments_settlement_queue_depth{queue="wire"}) > 1000'],
  ['bad-regex', 'max by (queue) (payments_settlement_queue_depth{queue=~"("}) > 1000'],
  ['unknown-function', 'maximum by (queue) (payments_settlement_queue_depth) > 1000'],
  ['rate-of-gauge', 'max by (queue) (rate(payments_settlement_queue_depth[5m])) > 1000'],
  ['raw-counter', 'sum by (method) (payments_requests_total) > 1000'],
  ['quantile-of-non-bucket', 'histogram_quantile(0.99, payments_request_duration_seconds) > 1'],
  ['quantile-out-of-range', 'histogram_quantile(1.5, sum by (le) (rate(payments_request_duration_seconds_bucket[5m]))) > 1'],
  ['range-vector', 'payments_settlement_queue_depth[5m]'],
  ['string-literal', '"queue"'],
  ['scalar', '1000'],
  ['bad-duration', 'max by (queue) (max_over_time(payments_settlement_queue_depth[5x])) > 1000'],
  ['zero-range', 'max by (queue) (max_over_time(payments_settlement_queue_depth[0s])) > 1000'],
  ['wrong-arg-count', 'max by (queue) (clamp_min(payments_settlement_queue_depth)) > 1000'],
  ['wrong-arg-type', 'max by (queue) (abs("x")) > 1000'],
  ['by-and-without', 'max by (queue) without (job) (payments_settlement_queue_depth) > 1000'],
  ['many-to-many', 'payments_settlement_queue_depth / on() payments_settlement_queue_depth > 1'],
  ['group-left-missing', 'payments_settlement_queue_depth * on(job) group_left sum by (job, method) (rate(payments_requests_total[5m])) > 1'],
  ['label-lost-by-aggregation', 'sum(payments_settlement_queue_depth) > 1000'],
  ['subquery-bad-step', 'max by (queue) (max_over_time(payments_settlement_queue_depth[10m:0s])) > 1000'],
  ['offset-garbage', 'max by (queue) (payments_settlement_queue_depth offset banana) > 1000'],
  ['at-modifier-bad', 'max by (queue) (payments_settlement_queue_depth @ tomorrow()) > 1000'],
  ['unicode-garbage', 'max by (queue) (payments_settlement_queue_depth) > 1000 ☃'],
  ['bool-comparison', 'max by (queue) (payments_settlement_queue_depth) > bool 1000'],
  ['comment-only', '# just a comment'],
  ['label-replace-bad-regex', 'label_replace(max by (queue) (payments_settlement_queue_depth), "q", "$1", "queue", "(") > 1000'],
  ['label-replace-bad-name', 'label_replace(max by (queue) (payments_settlement_queue_depth), "1q", "$1", "queue", "(.*)") > 1000'],
  ['absent-without-selector', 'absent(max by (queue) (payments_settlement_queue_depth)) > 0'],
  ['topk-non-scalar', 'topk("3", payments_settlement_queue_depth) > 1000'],
  ['too-long-range', 'max by (queue) (max_over_time(payments_settlement_queue_depth[400d])) > 1000'],
];

/** The same breakages in a string alert, a string recording rule and a dashboard's string query, each a valid TypeScript string (JSON's quoting), so that PromQL's checks judge it, not tsc. */
const inAlert = variants('promql', 'promql-alert', 'rules/payments.ts', ALERT, broken.map(([n, q]) => [n, `expr: ${JSON.stringify(q)},`] as const));
const inRecord = variants(
  'promql',
  'promql-record',
  'rules/payments.ts',
  'expr: all,',
  broken.filter((_, i) => i % 6 === 0).map(([n, q]) => [n, `expr: ${JSON.stringify(q)},`] as const),
);
const inDashboard = variants(
  'promql',
  'promql-dashboard',
  'dashboards/payments.ts',
  "queries: [query(sum(m.queueDepth.where(scope)), 'waiting', { instant: true })],",
  broken.filter((_, i) => i % 6 === 1).map(([n, q]) => [n, `queries: [query(${JSON.stringify(q)}, 'waiting', { instant: true })],`] as const),
);
const inSlo = variants(
  'promql',
  'promql-slo-raw',
  'slo/payments.ts',
  'sli: latency({ histogram: m.duration, threshold: 1 }),',
  broken.filter((_, i) => i % 6 === 2).map(([n, q]) => [n, `sli: rawSLI({ errorRatio: ${JSON.stringify(q)} }),`] as const),
);

export const PROMQL: Mutation[] = [...inAlert, ...inRecord, ...inDashboard, ...inSlo];
