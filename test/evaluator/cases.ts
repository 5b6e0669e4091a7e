import { formatSeriesValues } from '../../src/engine/evaluator/index.js';
import type { TestFile } from './battery.js';

/**
 * The conformance battery: input series chosen to hit counter resets, gaps, staleness
 * markers, half-filled windows and histogram oddities, and expressions covering every
 * function and operator the evaluator supports. Expectations are computed, never written.
 */

const traffic = [
  // A counter that resets at 11m.
  { series: 'http_requests_total{job="api", instance="a", code="200"}', values: '0+10x10 5+10x12' },
  // A counter with a gap from 6m to 8m.
  { series: 'http_requests_total{job="api", instance="b", code="200"}', values: '0+7x5 _x3 40+7x13' },
  { series: 'http_requests_total{job="web", instance="c", code="500"}', values: '1+1.5x22' },
  { series: 'errors_total{job="api", instance="a"}', values: '0+1x22' },
  { series: 'errors_total{job="api", instance="b"}', values: '0+0.3x22' },
  { series: 'errors_total{job="web", instance="c"}', values: '_x4 0+0.1x18' },
  { series: 'gauge{job="api", instance="a"}', values: '5 3 8 -2 4.25 1e3 0.1 0.7 -0.5 6 6 6 2 stale 3 3 _ 3 17 3 3.5 3 9' },
  { series: 'gauge{job="api", instance="b"}', values: '1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23' },
  { series: 'up{job="api", instance="a"}', values: '1 1 1 0 0 1 1 stale _x5 1 1 1 1 1 1 1 1 1 1' },
  { series: 'up{job="api", instance="b"}', values: '1x22' },
  { series: 'up{job="web", instance="c"}', values: '0x3 1x18' },
  { series: 'build_info{job="api", version="1.2.3"}', values: '1x22' },
  { series: 'build_info{job="web", version="0.9"}', values: '1x22' },
];

const histograms = [
  { series: 'latency_seconds_bucket{job="api", le="0.1"}', values: '0+3x22' },
  { series: 'latency_seconds_bucket{job="api", le="0.5"}', values: '0+8x22' },
  { series: 'latency_seconds_bucket{job="api", le="1"}', values: '0+9x22' },
  { series: 'latency_seconds_bucket{job="api", le="+Inf"}', values: '0+10x22' },
  // Non-monotonic buckets, as rate() over buckets scraped at different moments produces.
  { series: 'latency_seconds_bucket{job="web", le="0.1"}', values: '0+5x22' },
  { series: 'latency_seconds_bucket{job="web", le="0.5"}', values: '0+4x22' },
  { series: 'latency_seconds_bucket{job="web", le="1"}', values: '0+6x22' },
  { series: 'latency_seconds_bucket{job="web", le="+Inf"}', values: '0+6x22' },
  // No +Inf bucket: the quantile is NaN.
  { series: 'latency_seconds_bucket{job="batch", le="1"}', values: '0+1x22' },
  { series: 'latency_seconds_bucket{job="batch", le="2"}', values: '0+2x22' },
  // A lowest bucket at or below zero and a malformed le that is skipped.
  { series: 'temperature_bucket{site="x", le="-5"}', values: '2x22' },
  { series: 'temperature_bucket{site="x", le="0"}', values: '4x22' },
  { series: 'temperature_bucket{site="x", le="20"}', values: '10x22' },
  { series: 'temperature_bucket{site="x", le="Inf"}', values: '11x22' },
  { series: 'temperature_bucket{site="x", le="warm"}', values: '99x22' },
];

const T = ['2m', '5m', '10m', '12m', '20m'];

/** Label values where Go's regexp and JavaScript's RegExp disagree. */
const regexpValues = [
  { series: 're_values{v="a\\rb"}', values: '1x3' },
  { series: 're_values{v="a\\nb"}', values: '2x3' },
  { series: 're_values{v="😀x"}', values: '3x3' },
  { series: 're_values{v="ſ"}', values: '4x3' },
  { series: 're_values{v="\u212a"}', values: '5x3' },
  { series: 're_values{v="axyz"}', values: '6x3' },
  { series: 're_values{v="xyzb"}', values: '7x3' },
  { series: 're_values{v="a.b"}', values: '8x3' },
  { series: 're_values{v="Ab"}', values: '9x3' },
  { series: 're_values{v="aB"}', values: '10x3' },
];

export const expressionFile: TestFile = {
  name: 'expressions',
  groups: [
    {
      name: 'rates and counters',
      input: traffic,
      exprs: [
        { expr: 'rate(http_requests_total[5m])', at: ['1m', '3m', ...T, '10m30s'] },
        { expr: 'increase(http_requests_total[5m])', at: T },
        { expr: 'irate(http_requests_total[5m])', at: T },
        { expr: 'delta(gauge[5m])', at: T },
        { expr: 'idelta(gauge[3m])', at: T },
        { expr: 'deriv(gauge[10m])', at: T },
        { expr: 'predict_linear(errors_total[10m], 3600)', at: T },
        { expr: 'resets(http_requests_total[20m])', at: ['20m'] },
        { expr: 'changes(gauge[20m])', at: ['20m', '12m'] },
        { expr: 'rate(http_requests_total[5m] offset 2m)', at: ['12m'] },
        { expr: 'rate(errors_total[90s])', at: ['4m', '5m', '10m'] },
        // Ratios while the window is still filling, and over a reset.
        // Three-term float sums: the rounding depends on promtool's random series order.
        { expr: 'sum(rate(errors_total[5m])) / sum(rate(http_requests_total[5m]))', at: ['1m', '2m', '3m', '5m', '6m', '11m', '12m'], orderDependent: true },
        // Two terms commute, so this ratio is reproducible while the window fills.
        { expr: 'sum(rate(errors_total{job="api"}[5m])) / sum(rate(http_requests_total{job="api"}[5m]))', at: ['1m', '2m', '3m', '5m', '6m', '11m', '12m'] },
        { expr: 'errors_total / http_requests_total', at: ['3m', '10m'] },
        { expr: 'sum by (job) (increase(errors_total[10m])) / sum by (job) (increase(http_requests_total[10m]))', at: ['6m', '12m'] },
      ],
    },
    {
      name: 'over time',
      input: traffic,
      exprs: [
        { expr: 'avg_over_time(gauge[10m])', at: T },
        { expr: 'min_over_time(gauge[10m])', at: T },
        { expr: 'max_over_time(gauge[10m])', at: T },
        { expr: 'sum_over_time(gauge[10m])', at: T },
        { expr: 'count_over_time(gauge[10m])', at: T },
        { expr: 'last_over_time(gauge[10m])', at: T },
        { expr: 'present_over_time(gauge[3m])', at: T },
        { expr: 'quantile_over_time(0.9, gauge[10m])', at: T },
        { expr: 'stddev_over_time(gauge[10m])', at: T },
        { expr: 'stdvar_over_time(gauge[10m])', at: T },
        { expr: 'holt_winters(gauge[10m], 0.3, 0.6)', at: T },
        { expr: 'absent_over_time(gauge[1m])', at: ['14m'] },
        { expr: 'absent_over_time(nonexistent{job="x", env=~"p.*"}[5m])', at: ['5m'] },
      ],
    },
    {
      name: 'selectors, staleness and lookback',
      input: traffic,
      exprs: [
        { expr: 'gauge', at: ['12m', '13m', '13m30s', '14m', '16m'] },
        { expr: 'up', at: ['7m', '8m', '12m', '12m59s'] },
        { expr: 'up offset 5m', at: ['12m'] },
        { expr: 'up offset -2m', at: ['5m'] },
        // promtool has only loaded samples up to the last evaluation step (20m here).
        { expr: 'gauge offset -1m', at: ['20m'] },
        { expr: 'up @ 360', at: ['1m', '20m'] },
        { expr: 'rate(http_requests_total[5m] @ 600)', at: ['20m'] },
        { expr: 'errors_total{job="web"}', at: ['3m', '4m'] },
        { expr: 'http_requests_total{instance!="a", job=~"a.*|web"}', at: ['7m', '9m'] },
        { expr: '{__name__=~"up|build_info", job="web"}', at: ['5m'] },
        { expr: 'timestamp(up)', at: ['7m30s', '9m'] },
        { expr: 'timestamp(up offset 2m)', at: ['9m'] },
        { expr: 'timestamp(sum(up))', at: ['9m'] },
        { expr: 'timestamp(up @ 300 offset 1m)', at: ['9m'] },
        { expr: 'up @ 300 offset 1m', at: ['9m'] },
        { expr: '{job=~"(?i)API", __name__="up"}', at: ['5m'] },
        { expr: 'time()', at: ['7m30s'] },
        { expr: 'vector(time())', at: ['7m30s'] },
      ],
    },
    {
      // The evaluator and the template functions share one Go regexp translation (goregexp);
      // these pin where JavaScript's own RegExp would answer differently.
      name: 'go regexps in label matchers and label_replace',
      input: regexpValues,
      exprs: [
        // Go's `.` excludes only \n; JS's also excludes \r, and without `u` splits 😀.
        { expr: 're_values{v=~"a.b"}', at: ['1m'] },
        { expr: 're_values{v=~"(?s)a.b"}', at: ['1m'] },
        { expr: 'label_replace(re_values, "first", "$1", "v", "(.)(.*)")', at: ['1m'] },
        // (?i) folds whole Unicode orbits: s/S/ſ and k/K/K (Kelvin sign).
        { expr: 're_values{v=~"(?i)s|(?i:k)"}', at: ['1m'] },
        { expr: 're_values{v=~"(?i:A)b"}', at: ['1m'] },
        { expr: 're_values{v=~"a(?i)B"}', at: ['1m'] },
        // The anchoring wraps the text, so multi-line flags do not reach it.
        { expr: 're_values{v=~"(?m)^a$"}', at: ['1m'] },
        { expr: 're_values{v=~"(?m)a$\\n^b"}', at: ['1m'] },
        // Go-only syntax.
        { expr: 're_values{v=~"\\\\Qa.b\\\\E"}', at: ['1m'] },
        { expr: 're_values{v=~"[[:^alpha:]]+x"}', at: ['1m'] },
        { expr: 're_values{v=~"\\\\pL+"}', at: ['1m'] },
        { expr: 're_values{v!~"\\\\p{Latin}+"}', at: ['1m'] },
        { expr: 'label_replace(re_values, "lazy", "$1", "v", "(?U)(a+)(.*)")', at: ['1m'] },
        // label_replace anchors by text: `a)|(b` is `^(?:a)|(b)$`, a prefix or a suffix match.
        { expr: 'label_replace(re_values, "hit", "[$1]", "v", "a)|(b")', at: ['1m'] },
        // Go's Expand: `$01` and `$1_` are names, `$é` too; a repeated name takes the first set group.
        { expr: 'label_replace(re_values{v="Ab"}, "x", "[$01][$1_][${1}_][$é][$$]", "v", "(.*)")', at: ['1m'] },
        { expr: 'label_replace(re_values, "x", "[${n}]", "v", "(?P<n>a).*|(?P<n>x).*")', at: ['1m'] },
      ],
    },
    {
      name: 'subqueries',
      input: traffic,
      exprs: [
        { expr: 'max_over_time(rate(http_requests_total[2m])[10m:1m])', at: ['10m', '15m'] },
        { expr: 'avg_over_time(gauge[10m:])', at: ['10m', '10m30s'] },
        { expr: 'avg_over_time(gauge[10m:90s])', at: ['10m', '10m30s'] },
        { expr: 'sum_over_time(up[5m:1m] offset 3m)', at: ['12m'] },
        { expr: 'rate(http_requests_total[5m:30s])', at: ['12m'] },
        { expr: 'min_over_time((sum(up))[4m:])', at: ['9m'] },
        { expr: 'count_over_time((up == 1)[10m:2m])', at: ['12m'] },
      ],
    },
    {
      name: 'aggregations',
      input: traffic,
      exprs: [
        { expr: 'sum by (job) (http_requests_total)', at: ['10m'] },
        { expr: 'sum without (instance) (http_requests_total)', at: ['10m'] },
        { expr: 'avg by (job) (gauge)', at: ['5m', '12m'] },
        { expr: 'min(gauge)', at: ['3m'] },
        { expr: 'max by (job) (http_requests_total)', at: ['10m'] },
        { expr: 'count by (job) (up)', at: ['5m', '9m'] },
        { expr: 'group by (job) (up)', at: ['5m'] },
        { expr: 'stddev(http_requests_total)', at: ['10m'] },
        { expr: 'stdvar by (job) (http_requests_total)', at: ['10m'] },
        { expr: 'topk(2, http_requests_total)', at: ['10m', '12m'] },
        // All three are 1: which one promtool keeps changes from run to run.
        { expr: 'bottomk(1, up)', at: ['5m'], orderDependent: true },
        { expr: 'topk by (job) (1, up)', at: ['2m'], orderDependent: true },
        { expr: 'bottomk(2, gauge)', at: ['5m', '10m'] },
        { expr: 'topk by (job) (1, http_requests_total)', at: ['12m'] },
        { expr: 'quantile(0.5, http_requests_total)', at: ['10m'] },
        { expr: 'quantile by (job) (0.25, gauge)', at: ['10m'] },
        { expr: 'count_values("value", up)', at: ['5m'] },
        { expr: 'count_values without (instance) ("reading", gauge)', at: ['5m'] },
        { expr: 'sum by (__name__) ({__name__=~"up|build_info"})', at: ['5m'] },
        { expr: 'avg(gauge) + 0.1', at: ['6m'], orderDependent: true },
        { expr: 'avg(gauge{instance="b"}) + 0.1', at: ['6m'] },
      ],
    },
    {
      name: 'binary operators',
      input: traffic,
      exprs: [
        { expr: 'gauge > 3', at: ['5m'] },
        { expr: 'gauge > bool 3', at: ['5m'] },
        { expr: '3 < gauge', at: ['5m'] },
        { expr: '3 >= bool gauge', at: ['5m'] },
        { expr: 'gauge == 6', at: ['10m'] },
        { expr: 'gauge <= 3', at: ['3m'] },
        { expr: 'gauge < bool 4', at: ['3m'] },
        { expr: 'gauge != bool 6', at: ['10m'] },
        { expr: 'http_requests_total > on(job, instance) errors_total', at: ['5m'] },
        { expr: 'http_requests_total >= ignoring(code) errors_total * 8', at: ['5m'] },
        { expr: 'http_requests_total / ignoring(code) errors_total', at: ['5m'] },
        { expr: 'http_requests_total - on(instance) errors_total', at: ['5m'] },
        { expr: 'http_requests_total * on(job) group_left(version) build_info', at: ['5m'] },
        { expr: 'build_info * on(job) group_right(version) http_requests_total', at: ['5m'] },
        { expr: 'sum by (job) (http_requests_total) / on(job) group_left count by (job) (up)', at: ['10m'] },
        { expr: 'up and on(job) build_info', at: ['5m'] },
        { expr: 'up and gauge', at: ['5m'] },
        { expr: 'up or errors_total', at: ['8m'] },
        { expr: 'up unless on(instance) (gauge > 3)', at: ['5m'] },
        { expr: 'up unless ignoring(job) errors_total', at: ['3m'] },
        { expr: '-gauge', at: ['3m'] },
        { expr: '2 ^ 10 + 10 % 3 - 7 / 2', at: ['1m'] },
        { expr: 'gauge ^ 2', at: ['3m', '4m'] },
        { expr: 'gauge ^ 0.3', at: ['2m', '3m', '5m'] },
        { expr: '1.1 ^ gauge', at: ['2m', '5m'] },
        { expr: 'gauge % 3', at: ['3m', '4m'] },
        { expr: 'gauge atan2 2', at: ['3m', '4m', '5m'] },
        { expr: 'vector(1) + scalar(up{instance="b"})', at: ['5m'] },
        { expr: 'scalar(up)', at: ['5m'] },
        { expr: '1 > bool 2', at: ['1m'] },
        { expr: 'errors_total / 0', at: ['5m'] },
      ],
    },
    {
      name: 'instant functions',
      input: traffic,
      exprs: [
        { expr: 'abs(gauge)', at: ['3m'] },
        { expr: 'ceil(gauge)', at: ['4m'] },
        { expr: 'floor(gauge)', at: ['4m'] },
        { expr: 'round(gauge)', at: ['4m', '8m'] },
        { expr: 'round(gauge, 0.3)', at: ['4m', '6m'] },
        { expr: 'sqrt(gauge)', at: ['4m', '5m'] },
        { expr: 'exp(gauge)', at: ['2m', '4m', '6m', '8m', '10m'] },
        { expr: 'ln(gauge)', at: ['4m', '5m', '6m', '7m', '10m'] },
        { expr: 'log2(gauge)', at: ['4m', '5m', '6m', '7m'] },
        { expr: 'log10(gauge)', at: ['4m', '5m', '6m', '7m'] },
        { expr: 'exp(rate(http_requests_total[5m]))', at: ['10m'] },
        { expr: 'ln(rate(http_requests_total[5m]))', at: ['10m'] },
        { expr: 'sgn(gauge)', at: ['3m', '6m'] },
        { expr: 'clamp(gauge, 0, 5)', at: ['3m', '5m'] },
        { expr: 'clamp(gauge, 5, 0)', at: ['3m'] },
        { expr: 'clamp_min(gauge, 4)', at: ['3m'] },
        { expr: 'clamp_max(gauge, 4)', at: ['3m'] },
        { expr: 'deg(gauge)', at: ['4m'] },
        { expr: 'rad(gauge)', at: ['4m'] },
        { expr: 'pi()', at: ['1m'] },
        { expr: 'label_replace(up, "host", "$1-$2", "instance", "(.)(.*)")', at: ['5m'] },
        { expr: 'label_replace(up, "job", "", "job", "api")', at: ['5m'] },
        { expr: 'label_replace(up, "x", "$1x", "job", "(.*)")', at: ['5m'] },
        { expr: 'label_join(up, "id", "/", "job", "instance", "missing")', at: ['5m'] },
        { expr: 'label_replace(up, "short", "${first}_$$", "job", "(?P<first>.).*")', at: ['5m'] },
        { expr: '-rate(http_requests_total[5m])', at: ['10m'] },
        { expr: '-vector(1)', at: ['10m'] },
        { expr: 'scalar(sum(up)) * 2', at: ['10m'] },
        { expr: 'histogram_quantile(NaN, up)', at: ['10m'] },
        { expr: 'sort(gauge)', at: ['5m'] },
        { expr: 'sort_desc(http_requests_total)', at: ['5m'] },
        { expr: 'absent(nonexistent{job="x", env="prod", env="dev"})', at: ['5m'] },
        { expr: 'absent(up)', at: ['5m'] },
        { expr: 'hour()', at: ['20m'] },
        { expr: 'minute(vector(1700000000))', at: ['1m'] },
        { expr: 'hour(vector(1700000000))', at: ['1m'] },
        { expr: 'day_of_week(vector(1700000000))', at: ['1m'] },
        { expr: 'day_of_month(vector(1709164800))', at: ['1m'] },
        { expr: 'day_of_year(vector(1709164800))', at: ['1m'] },
        { expr: 'days_in_month(vector(1709164800))', at: ['1m'] },
        { expr: 'month(vector(1709164800))', at: ['1m'] },
        { expr: 'year(vector(1709164800))', at: ['1m'] },
        { expr: 'year()', at: ['1m'] },
      ],
    },
    {
      name: 'histograms',
      input: histograms,
      exprs: [
        { expr: 'histogram_quantile(0.9, rate(latency_seconds_bucket[5m]))', at: ['1m', '5m', '10m'] },
        { expr: 'histogram_quantile(0.5, sum by (le) (rate(latency_seconds_bucket{job!="batch"}[5m])))', at: ['10m'] },
        { expr: 'histogram_quantile(0.99, latency_seconds_bucket)', at: ['10m'] },
        { expr: 'histogram_quantile(0.3, latency_seconds_bucket)', at: ['0s', '10m'] },
        { expr: 'histogram_quantile(1.5, latency_seconds_bucket{job="api"})', at: ['10m'] },
        { expr: 'histogram_quantile(-1, latency_seconds_bucket{job="api"})', at: ['10m'] },
        { expr: 'histogram_quantile(0.1, temperature_bucket)', at: ['5m'] },
        { expr: 'histogram_quantile(0.5, temperature_bucket)', at: ['5m'] },
        { expr: 'histogram_quantile(0.95, temperature_bucket)', at: ['5m'] },
        // Native-histogram functions see no native histograms in promtool 2.42 input.
        { expr: 'histogram_count(latency_seconds_bucket)', at: ['5m'] },
        { expr: 'histogram_sum(latency_seconds_bucket)', at: ['5m'] },
      ],
    },
  ],
};

const ruleInput = [
  { series: 'http_requests_total{job="api", code="200"}', values: '0+60x10 600+600x10 6600+60x20' },
  { series: 'http_requests_total{job="api", code="500"}', values: '0+1x5 5+30x10 305+1x25' },
  { series: 'http_requests_total{job="web", code="500"}', values: '0+2x40' },
  { series: 'up{job="api", instance="a"}', values: '1x5 0x3 1x4 0 1x3 0x10 1x20' },
  { series: 'up{job="api", instance="b"}', values: '1x40' },
];

export const rulesFile: TestFile = {
  name: 'rules',
  ruleGroups: [
    {
      name: 'recording',
      rules: [
        { record: 'job:http_requests:rate2m', expr: 'sum by (job) (rate(http_requests_total[2m]))' },
        {
          record: 'job:http_errors:ratio_rate2m',
          expr: 'sum by (job) (rate(http_requests_total{code="500"}[2m])) / on(job) job:http_requests:rate2m',
          labels: { team: 'platform' },
        },
      ],
    },
    {
      name: 'alerts',
      rules: [
        {
          alert: 'HighErrorRatio',
          expr: 'job:http_errors:ratio_rate2m > 0.05',
          for: '2m',
          labels: { severity: '{{ if gt $value 0.5 }}page{{ else }}ticket{{ end }}', owner: '{{ $labels.team }}' },
        },
        { alert: 'InstanceDown', expr: 'up == 0', for: '1m', keep_firing_for: '3m', labels: { severity: 'page' } },
        { alert: 'Flapping', expr: 'changes(up[5m]) > 1', labels: { severity: 'info' } },
        { alert: 'NoFor', expr: 'job:http_requests:rate2m > 8' },
      ],
    },
  ],
  groups: [
    {
      name: 'alert lifecycle',
      input: ruleInput,
      alerts: ['HighErrorRatio', 'InstanceDown', 'Flapping', 'NoFor'].map((alertname) => ({
        alertname,
        at: ['0s', '3m', '5m', '5m30s', '6m', '7m', '8m', '9m', '10m', '11m', '12m', '13m', '14m', '15m', '16m', '17m', '18m', '20m', '25m', '30m', '32m'],
      })),
      exprs: [
        { expr: 'job:http_errors:ratio_rate2m', at: ['4m', '8m'] },
        { expr: 'ALERTS', at: ['9m'] },
        { expr: 'ALERTS_FOR_STATE', at: ['9m'] },
        { expr: 'count_over_time(ALERTS{alertname="InstanceDown"}[10m])', at: ['32m'] },
        { expr: 'job:http_requests:rate2m offset -1m', at: ['32m'] },
      ],
    },
  ],
};

export const intervalFile: TestFile = {
  name: 'intervals',
  evaluationInterval: '30s',
  ruleGroups: [
    {
      name: 'fast',
      rules: [
        { record: 'instance:up:avg3m', expr: 'avg_over_time(up[3m:])' },
        { alert: 'Degraded', expr: 'instance:up:avg3m < 0.7', for: '90s' },
      ],
    },
  ],
  groups: [
    {
      name: 'sub-minute evaluation',
      interval: '15s',
      input: [
        { series: 'up{instance="a"}', values: '1x10 0x12 1x30' },
        { series: 'up{instance="b"}', values: '1 0 1 0 1x50' },
      ],
      alerts: [{ alertname: 'Degraded', at: ['2m', '3m', '3m15s', '4m', '4m45s', '5m', '6m', '8m', '9m'] }],
      exprs: [
        { expr: 'instance:up:avg3m', at: ['3m', '4m30s'] },
        { expr: 'rate(up[1m])', at: ['1m10s'] },
        { expr: 'up offset -30s', at: ['9m'] },
      ],
    },
  ],
};

/** A fixed pseudo-random sequence, so the battery is the same on every run. */
function* lcg(seed: number): Generator<number> {
  let x = seed;
  for (;;) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    yield x / 2 ** 32;
  }
}

function randomSeries(name: string, count: number, seed: number, make: (u: number, v: number) => number): Array<{ series: string; values: string }> {
  const rnd = lcg(seed);
  return Array.from({ length: count }, (_, i) => {
    const value = make(rnd.next().value as number, rnd.next().value as number);
    return { series: `${name}{i="${i}"}`, values: formatSeriesValues([value]) };
  });
}

/**
 * Go's Exp, Log, Pow and Atan2 are other algorithms than V8's; hundreds of random inputs
 * per function show the ports agree bit for bit where Math.* often would not.
 */
export const mathFile: TestFile = {
  name: 'math',
  groups: [
    {
      name: 'go math',
      input: [
        ...randomSeries('wide', 150, 7, (u, v) => (u - 0.5) * 1400 * v),
        ...randomSeries('positive', 150, 11, (u, v) => Math.exp((u - 0.5) * 200) * (1 + v)),
        ...randomSeries('unit', 150, 13, (u, v) => (u - 0.5) * 20 + v / 3),
      ],
      exprs: [
        { expr: 'exp(wide)', at: ['0s'] },
        { expr: 'exp(unit)', at: ['0s'] },
        { expr: 'ln(positive)', at: ['0s'] },
        { expr: 'log2(positive)', at: ['0s'] },
        { expr: 'log10(positive)', at: ['0s'] },
        { expr: 'abs(unit) ^ 0.7', at: ['0s'] },
        { expr: 'unit ^ 3', at: ['0s'] },
        { expr: 'unit ^ -2', at: ['0s'] },
        { expr: '1.0001 ^ wide', at: ['0s'] },
        { expr: 'positive ^ 0.5', at: ['0s'] },
        { expr: 'unit atan2 0.7', at: ['0s'] },
        { expr: '0.3 atan2 unit', at: ['0s'] },
        { expr: 'round(unit, 0.1)', at: ['0s'] },
        { expr: 'unit % 0.7', at: ['0s'] },
        { expr: 'sqrt(positive)', at: ['0s'] },
      ],
    },
  ],
};

/** Sequences that exercise every notation form; promtool must load exactly these floats. */
export const notationSequences: Array<Array<number | null | 'stale'>> = [
  [0.1, 0.30000000000000004, 0.5, 0.7, 0.8999999999999999, 1.0999999999999999, null, null, 'stale', 7, 7, 7, 7],
  [1e21, 1e21, 5e-324, -0, 0, -3.5, -4.75, -6, -7.25, Infinity, Infinity, Infinity, -Infinity, NaN, NaN],
  [1 / 3, 2 / 3, 1, 4 / 3, 5 / 3, 2, 0.1 + 0.2, 123456789.123, 0.000123, 8, 10, 12, 14, 16, null, null, null, 2 ** 53 + 2],
];

export const notationFile: TestFile = {
  name: 'notation',
  groups: [
    {
      name: 'formatted values load back exactly',
      // A 30s lookback keeps gaps from showing an older sample.
      input: notationSequences.map((values, i) => ({ series: `seq{n="${i}"}`, values: formatSeriesValues(values) })),
      exprs: [{ expr: 'last_over_time(seq[30s])', at: Array.from({ length: 18 }, (_, i) => `${i}m`) }],
    },
  ],
};

export const battery: TestFile[] = [expressionFile, rulesFile, intervalFile, mathFile, notationFile];
