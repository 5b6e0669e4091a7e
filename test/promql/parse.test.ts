import { describe, expect, it } from 'vitest';
import { parsePromQL } from '../../src/library/promql/parse.js';
import { printPromQL } from '../../src/library/promql/print.js';
import { parseDuration, formatDuration } from '../../src/library/duration.js';

const roundTrips = [
  'sum by (provider) (rate(gateway_requests_total{code=~"5.."}[5m]))',
  'sum by (provider) (rate(x_total[5m] offset 1m)) / on (provider) group_left (team) y > bool 0.05',
  'histogram_quantile(0.99, sum without (instance) (rate(x_bucket[5m:1m])))',
  '-x unless y',
  'a - (b - c)',
  '(a - b) - c',
  '2 ^ 3 ^ 4',
  '(2 ^ 3) ^ 4',
  'topk by (a) (3, x)',
  'rate(x[5m])[30m:] @ start()',
  'absent(up{job="api"})',
  'time() - gateway_config_last_reload_success_timestamp_seconds > 86400',
  'label_replace(up, "host", "$1", "instance", "(.*):.*")',
  'count_values("version", build_info)',
  'x or vector(0)',
];

describe('the PromQL parser and printer', () => {
  it.each(roundTrips)('prints %s back to text that parses to the same tree', (query) => {
    const first = parsePromQL(query);
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    const printed = printPromQL(first.expr);
    const second = parsePromQL(printed);
    expect(second.ok).toBe(true);
    if (!second.ok) return;
    expect(printPromQL(second.expr)).toBe(printed);
  });

  it('keeps matchers, ranges, offsets and grouping in the tree', () => {
    const r = parsePromQL('sum by (provider) (rate(foo_total{a="b",c!~"x|y"}[5m] offset 1m))');
    expect(r.ok && r.expr).toMatchObject({
      type: 'aggregate',
      op: 'sum',
      grouping: { mode: 'by', labels: ['provider'] },
      expr: {
        type: 'call',
        func: 'rate',
        args: [{ type: 'matrix', rangeMs: 300_000, vector: { name: 'foo_total', offsetMs: 60_000, matchers: [{ name: 'a', op: '=', value: 'b' }, { name: 'c', op: '!~', value: 'x|y' }] } }],
      },
    });
  });

  it('names an unknown function instead of reporting a stray parenthesis', () => {
    expect(parsePromQL('mulScalar(x, 100)')).toEqual({ ok: false, error: { message: 'unknown function "mulScalar"', span: { from: 0, to: 9 } } });
  });

  it('reports where an incomplete expression ends', () => {
    const r = parsePromQL('rate(x[5m]) >');
    expect(r).toMatchObject({ ok: false, error: { message: 'unexpected end of the expression' } });
  });

  it('unquotes single, double and backtick strings with escapes', () => {
    const r = parsePromQL("x{a='b\\n', c=`d\\e`}");
    expect(r.ok && r.expr.type === 'vector' && r.expr.matchers.map((m) => m.value)).toEqual(['b\n', 'd\\e']);
  });
});

describe('durations', () => {
  it.each([
    ['30s', 30_000],
    ['5m', 300_000],
    ['1h30m', 5_400_000],
    ['1d', 86_400_000],
    ['2w', 1_209_600_000],
    ['100ms', 100],
  ])('parses %s as %i ms', (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each(['', '5', '1.5m', '5m1h', '5 m', '5mins'])('rejects %j', (text) => expect(parseDuration(text)).toBeUndefined());

  it('formats the way Prometheus prints durations', () => {
    expect([5_400_000, 86_400_000, 0, 90_000].map(formatDuration)).toEqual(['1h30m', '1d', '0s', '1m30s']);
  });
});
