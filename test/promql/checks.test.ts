import { describe, expect, it } from 'vitest';
import { prometheusBuiltins } from '../../src/library/catalog/builtin.js';
import { MetricIndex } from '../../src/library/catalog/metricIndex.js';
import { checkQuery } from '../../src/library/queries/checks/index.js';
import { shop } from '../fixtures/mini/metrics.js';
import { goSemantics } from '../../src/engine/compiler/semantics.js';

function problems(query: string, recordings: Record<string, string[]> = {}) {
  const index = new MetricIndex([prometheusBuiltins, shop]);
  for (const [name, labels] of Object.entries(recordings)) index.addRecording(name, new Map(labels.map((l) => [l, undefined])), true);
  const { diagnostics } = checkQuery(query, { index, scrapeIntervalMs: 15_000, evaluationIntervalMs: 60_000, path: 'Test.expr', semantics: goSemantics });
  return diagnostics.map((d) => `${d.code}: ${d.message}`);
}

describe('query checks against the catalog', () => {
  it.each([
    ['a ratio of rated counters grouped by a declared label', 'sum by (route) (rate(shop_requests_total{code=~"5.."}[5m])) / sum by (route) (rate(shop_requests_total[5m])) > 0.05'],
    ['a quantile over rated buckets that keeps le', 'histogram_quantile(0.99, sum by (le, route) (rate(shop_request_duration_seconds_bucket[5m]))) > 2'],
    ['an le matcher on a declared bucket', 'rate(shop_request_duration_seconds_bucket{le="0.5"}[5m])'],
    ['a gauge compared with one of its states', 'shop_breaker_state == 2'],
    ['a gauge compared directly', 'max(shop_queue_depth) > 100'],
    ['up with its target labels', 'up{job="shop", instance="host-a:9090"} == 0'],
    ['a recording rule with its labels', 'job:shop_errors:ratio_rate5m{route="cart"} > 0.1'],
    ['counting the series of a counter', 'count(shop_requests_total) > 0'],
  ])('accepts %s', (_name, query) => {
    expect(problems(query, { 'job:shop_errors:ratio_rate5m': ['route', 'job'] })).toEqual([]);
  });

  it.each([
    ['a misspelled metric', 'rate(shop_request_total[5m]) > 0', 'promql/unknown-metric: unknown metric "shop_request_total"'],
    ['a histogram read by its base name', 'shop_request_duration_seconds > 1', 'promql/unknown-metric: unknown metric "shop_request_duration_seconds"'],
    ['a label the metric does not have', 'rate(shop_requests_total{status="500"}[5m]) > 0', 'promql/unknown-label: label "status" does not exist on "shop_requests_total"'],
    ['grouping by a label the input does not carry', 'sum by (provider) (rate(shop_requests_total[5m])) > 0', 'promql/unknown-label: label "provider" does not exist on the input of sum'],
    ['a value outside a closed set', 'rate(shop_requests_total{code="502"}[5m]) > 0', 'promql/unknown-label-value: "502" is not a value of label "code" on "shop_requests_total"'],
    ['a regex that matches no declared value', 'rate(shop_requests_total{code=~"3.."}[5m]) > 0', 'promql/unknown-label-value: /3../ matches none of the values of label "code" on "shop_requests_total"'],
    ['an le that is not a bucket', 'rate(shop_request_duration_seconds_bucket{le="0.3"}[5m]) > 0', 'promql/le-not-bucket: le="0.3" is not a bucket of "shop_request_duration_seconds_bucket"'],
    ['a raw counter compared without rate', 'shop_requests_total > 100', 'promql/counter-without-rate: counter "shop_requests_total" is used without rate()'],
    ['a counter inside max_over_time', 'max_over_time(shop_requests_total[5m]) > 1', 'promql/counter-without-rate: counter "shop_requests_total" is used without rate() inside max_over_time()'],
    ['a counter summed before rate through a subquery', 'rate(sum(shop_requests_total)[5m:]) > 1', 'promql/counter-without-rate: counter "shop_requests_total" is used without rate()'],
    ['a range shorter than two scrapes', 'rate(shop_requests_total[20s]) > 0', 'promql/range-too-short: range [20s] is shorter than two scrape intervals (30s)'],
    ['rate over a gauge', 'rate(shop_queue_depth[5m]) > 0', 'promql/rate-on-gauge: rate() over gauge "shop_queue_depth"'],
    ['histogram_quantile after aggregating le away', 'histogram_quantile(0.9, sum by (route) (rate(shop_request_duration_seconds_bucket[5m]))) > 1', 'promql/histogram-quantile: the buckets passed to histogram_quantile no longer carry the le label'],
    ['histogram_quantile over a counter that is not a bucket', 'histogram_quantile(0.9, rate(shop_requests_total[5m])) > 1', 'promql/histogram-quantile: histogram_quantile over "shop_requests_total", which is not a histogram\'s _bucket series'],
    ['a quantile above 1', 'histogram_quantile(99, sum by (le) (rate(shop_request_duration_seconds_bucket[5m]))) > 1', 'promql/histogram-quantile: quantile 99 is outside [0, 1]'],
    ['an enum gauge compared with a value that is no state', 'shop_breaker_state == 3', 'promql/unknown-state: "shop_breaker_state" never equals 3: its states are 0 closed, 1 half_open, 2 open'],
    ['an unknown function', 'mulScalar(shop_queue_depth, 100) > 1', 'promql/syntax: unknown function "mulScalar"'],
    ['a call with too few arguments', 'clamp_min(shop_queue_depth) > 1', 'promql/syntax: expected 2 argument(s) in call to "clamp_min", got 1'],
    ['a variadic call with too many arguments', 'round(shop_queue_depth, 1, 2) > 1', 'promql/syntax: expected at most 2 argument(s) in call to "round", got 3'],
    ['a range vector where an instant vector is expected', 'abs(shop_queue_depth[5m]) > 1', 'promql/syntax: expected type instant vector in call to function "abs", got range vector'],
    ['topk with a string for its parameter', 'topk("3", shop_queue_depth) > 1', 'promql/syntax: expected type scalar in aggregation parameter, got string'],
    ['topk without its parameter', 'topk(shop_queue_depth) > 1', 'promql/syntax: wrong number of arguments for aggregate expression provided, expected 2, got 1'],
    ['a subquery step of zero', 'max_over_time(shop_queue_depth[10m:0s]) > 1', 'promql/syntax: duration must be greater than 0'],
    ['an offset of zero', 'shop_queue_depth offset 0s > 1', 'promql/syntax: duration must be greater than 0'],
    ['a function Prometheus 2.42 does not have', 'sort_by_label(shop_queue_depth, "queue") > 1', 'promql/newer-than-prometheus: function "sort_by_label" does not exist in Prometheus 2.42'],
    ['an aggregation Prometheus 2.42 does not have', 'limitk(2, shop_queue_depth) > 1', 'promql/newer-than-prometheus: aggregation "limitk" does not exist in Prometheus 2.42'],
    ['label_replace writing an invalid label name', 'label_replace(max by (queue) (shop_queue_depth), "1q", "$1", "queue", "(.*)") > 1', 'promql/label-argument: label_replace() destination label "1q" is not a valid label name (letters, digits and _, not starting with a digit): Prometheus fails every evaluation of this rule'],
    ['label_join reading an invalid label name', 'label_join(max by (queue) (shop_queue_depth), "all", "-", "queue", "no-such") > 1', 'promql/label-argument: label_join() source label "no-such" is not a valid label name (letters, digits and _, not starting with a digit): Prometheus fails every evaluation of this rule'],
    ['a regex that is not RE2', 'rate(shop_requests_total{route=~"(?=cart)c.*"}[5m]) > 0', 'promql/regex: error parsing regexp: invalid or unsupported Perl syntax: `(?=`'],
  ])('reports %s', (_name, query, expected) => {
    expect(problems(query)).toContain(expected);
  });

  it('underlines the wrong call, and the zero duration, as promtool places them', () => {
    const index = new MetricIndex([prometheusBuiltins, shop]);
    const snippet = (q: string) => checkQuery(q, { index, scrapeIntervalMs: 15_000, evaluationIntervalMs: 60_000, path: 'X.expr', semantics: goSemantics }).diagnostics[0]?.snippet;
    expect(snippet('max(clamp_min(shop_queue_depth)) > 1')).toMatchObject({ from: 4, to: 31 });
    expect(snippet('max_over_time(shop_queue_depth[10m:0s])')).toMatchObject({ from: 35, to: 37 });
  });

  it('suggests the closest metric name for a typo', () => {
    const index = new MetricIndex([prometheusBuiltins, shop]);
    const { diagnostics } = checkQuery('rate(shop_request_total[5m])', { index, scrapeIntervalMs: 15_000, evaluationIntervalMs: 60_000, path: 'X.expr', semantics: goSemantics });
    expect(diagnostics[0]).toMatchObject({ hint: 'did you mean "shop_requests_total"?', snippet: { from: 5, to: 23 } });
  });
});
