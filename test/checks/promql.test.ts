import { checkCases } from '../support/checkCases.js';
import { analyzeRules } from './project.js';
import { shopAlert } from './shopAlert.js';

/**
 * The query as the expression of the sound shop alert, through the compiler's analyze stage.
 * Queries are PromQL text here: the typed builder cannot write most of these mistakes.
 */
const asAlert = (query: string) => analyzeRules(shopAlert({ expr: query }));

const at = 'ShopTrafficHigh.expr';

checkCases('promql/counter-without-rate', {
  run: asAlert,
  pass: [
    { name: 'a rated counter', input: 'sum(rate(shop_requests_total[5m])) > 100' },
    { name: 'counting a counter\'s series', input: 'count(shop_requests_total) > 0' },
  ],
  fail: [
    { name: 'a raw counter', input: 'sum(shop_requests_total) > 100', expect: { severity: 'error', path: at, message: 'counter "shop_requests_total" is used without rate()' } },
    { name: 'a counter inside max_over_time', input: 'max_over_time(shop_requests_total[5m]) > 1', expect: { path: at, message: 'inside max_over_time()' } },
  ],
});

checkCases('promql/histogram-quantile', {
  run: asAlert,
  pass: [{ name: 'rated buckets that keep le', input: 'histogram_quantile(0.99, sum by (le) (rate(shop_request_duration_seconds_bucket[5m]))) > 2' }],
  fail: [
    { name: 'le aggregated away', input: 'histogram_quantile(0.99, sum by (route) (rate(shop_request_duration_seconds_bucket[5m]))) > 2', expect: { severity: 'error', path: at, message: 'no longer carry the le label' } },
    { name: 'a quantile of 99', input: 'histogram_quantile(99, sum by (le) (rate(shop_request_duration_seconds_bucket[5m]))) > 2', expect: { path: at, message: 'quantile 99 is outside [0, 1]' } },
    { name: 'a counter that is no bucket series', input: 'histogram_quantile(0.9, rate(shop_requests_total[5m])) > 1', expect: { path: at, message: 'which is not a histogram\'s _bucket series' } },
  ],
});

checkCases('promql/label-argument', {
  run: asAlert,
  pass: [{ name: 'valid label names', input: 'label_replace(sum by (route) (rate(shop_requests_total[5m])), "path", "$1", "route", "(.*)") > 1' }],
  fail: [
    {
      name: 'a destination starting with a digit',
      input: 'label_replace(sum by (route) (rate(shop_requests_total[5m])), "1path", "$1", "route", "(.*)") > 1',
      expect: { severity: 'error', path: at, message: 'label_replace() destination label "1path" is not a valid label name' },
    },
    { name: 'a source with a dash', input: 'label_join(sum by (route) (rate(shop_requests_total[5m])), "all", "-", "route", "no-such") > 1', expect: { path: at, message: 'label_join() source label "no-such"' } },
  ],
});

checkCases('promql/le-not-bucket', {
  run: asAlert,
  pass: [{ name: 'a declared bound', input: 'sum(rate(shop_request_duration_seconds_bucket{le="0.5"}[5m])) > 1' }],
  fail: [{ name: 'a bound between two buckets', input: 'sum(rate(shop_request_duration_seconds_bucket{le="0.3"}[5m])) > 1', expect: { severity: 'error', path: at, message: 'le="0.3" is not a bucket of "shop_request_duration_seconds_bucket"' } }],
});

checkCases('promql/newer-than-prometheus', {
  run: asAlert,
  pass: [{ name: 'sort_desc', input: 'sort_desc(shop_queue_depth) > 1' }, { name: 'topk', input: 'topk(2, shop_queue_depth) > 1' }],
  fail: [
    { name: 'sort_by_label', input: 'sort_by_label(shop_queue_depth, "route") > 1', expect: { severity: 'error', path: at, message: 'function "sort_by_label" does not exist in Prometheus 2.42' } },
    { name: 'limitk', input: 'limitk(2, shop_queue_depth) > 1', expect: { path: at, message: 'aggregation "limitk" does not exist in Prometheus 2.42' } },
  ],
});

checkCases('promql/range-too-short', {
  run: asAlert,
  pass: [
    { name: 'two scrapes', input: 'sum(rate(shop_requests_total[30s])) > 1' },
    { name: 'a subquery of two evaluations', input: 'max_over_time(shop_queue_depth[2m:1m]) > 1' },
  ],
  fail: [
    { name: 'under two scrapes', input: 'sum(rate(shop_requests_total[20s])) > 1', expect: { severity: 'error', path: at, message: 'range [20s] is shorter than two scrape intervals (30s)' } },
    { name: 'a subquery of one step', input: 'max_over_time(shop_queue_depth[1m:1m]) > 1', expect: { path: at } },
  ],
});

checkCases('promql/rate-on-gauge', {
  run: asAlert,
  pass: [{ name: 'deriv of a gauge', input: 'deriv(shop_queue_depth[5m]) > 1' }],
  fail: [
    { name: 'rate of a gauge', input: 'rate(shop_queue_depth[5m]) > 1', expect: { severity: 'error', path: at, message: 'rate() over gauge "shop_queue_depth"' } },
    { name: 'increase of a gauge', input: 'increase(shop_queue_depth[5m]) > 1', expect: { path: at, message: 'increase() over gauge "shop_queue_depth"' } },
  ],
});

checkCases('promql/regex', {
  run: asAlert,
  pass: [{ name: 'an RE2 alternation', input: 'sum(rate(shop_requests_total{route=~"cart|checkout"}[5m])) > 1' }],
  fail: [
    { name: 'a lookahead', input: 'sum(rate(shop_requests_total{route=~"(?=cart)c.*"}[5m])) > 1', expect: { severity: 'error', path: at, message: 'invalid or unsupported Perl syntax: `(?=`' } },
    { name: 'an unclosed group', input: 'sum(rate(shop_requests_total{route=~"(cart"}[5m])) > 1', expect: { path: at, message: 'missing closing )' } },
  ],
});

checkCases('promql/syntax', {
  run: asAlert,
  pass: [{ name: 'balanced parentheses', input: 'sum(rate(shop_requests_total[5m])) > 1' }],
  fail: [
    { name: 'an unclosed call', input: 'sum(rate(shop_requests_total[5m]) > 1', expect: { severity: 'error', path: at } },
    { name: 'an unknown function', input: 'mulScalar(shop_queue_depth, 100) > 1', expect: { path: at, message: 'unknown function "mulScalar"' } },
    { name: 'too few arguments', input: 'clamp_min(shop_queue_depth) > 1', expect: { path: at, message: 'expected 2 argument(s) in call to "clamp_min", got 1' } },
  ],
});

checkCases('promql/unknown-label', {
  run: asAlert,
  pass: [{ name: 'a declared label', input: 'sum(rate(shop_requests_total{route="cart"}[5m])) > 1' }],
  fail: [
    { name: 'a label the metric lacks', input: 'sum(rate(shop_requests_total{status="500"}[5m])) > 1', expect: { severity: 'error', path: at, message: 'label "status" does not exist on "shop_requests_total"' } },
    { name: 'grouping by a label the input lacks', input: 'sum by (provider) (rate(shop_requests_total[5m])) > 1', expect: { path: at, message: 'label "provider" does not exist on the input of sum' } },
  ],
});

checkCases('promql/unknown-label-value', {
  run: asAlert,
  pass: [
    { name: 'a declared value', input: 'sum(rate(shop_requests_total{code="503"}[5m])) > 1' },
    { name: 'a regex matching declared values', input: 'sum(rate(shop_requests_total{code=~"5.."}[5m])) > 1' },
  ],
  fail: [
    { name: 'a value outside the set', input: 'sum(rate(shop_requests_total{code="502"}[5m])) > 1', expect: { severity: 'error', path: at, message: '"502" is not a value of label "code" on "shop_requests_total"' } },
    { name: 'a regex matching none', input: 'sum(rate(shop_requests_total{code=~"3.."}[5m])) > 1', expect: { path: at, message: '/3../ matches none of the values of label "code"' } },
  ],
});

checkCases('promql/unknown-metric', {
  run: asAlert,
  pass: [
    { name: 'a catalog metric', input: 'sum(rate(shop_requests_total[5m])) > 1' },
    { name: 'Prometheus\'s own up', input: 'up{job="shop"} == 0' },
  ],
  fail: [
    { name: 'a typo', input: 'sum(rate(shop_request_total[5m])) > 1', expect: { severity: 'error', path: at, message: 'unknown metric "shop_request_total"', hint: 'did you mean "shop_requests_total"?' } },
    { name: 'a histogram by its base name', input: 'shop_request_duration_seconds > 1', expect: { path: at, message: 'unknown metric "shop_request_duration_seconds"' } },
  ],
});

checkCases('promql/unknown-state', {
  run: asAlert,
  pass: [{ name: 'a declared state', input: 'shop_breaker_state == 2' }],
  fail: [{ name: 'a value that is no state', input: 'shop_breaker_state == 3', expect: { severity: 'error', path: at, message: '"shop_breaker_state" never equals 3: its states are 0 closed, 1 half_open, 2 open' } }],
});
