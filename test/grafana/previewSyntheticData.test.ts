import { describe, expect, it } from 'vitest';
import { counter, defineMetrics, histogram } from '../../src/library/index.js';
import { matchedValues, valuesOf } from '../../src/integrations/preview/data/labelValues.js';
import { levels, type Recording } from '../../src/integrations/preview/data/ruleLevels.js';
import { synthesize } from '../../src/integrations/preview/data/series.js';
import { Traffic } from '../../src/integrations/preview/data/traffic.js';

const rule = (record: string, expr: string): Recording => ({ group: 'g', interval: '30s', record, expr, labels: {} });

describe('synthetic preview data', () => {
  it('gives an open label the values queries match on, and two made-up ones otherwise', () => {
    const matched = matchedValues(['rate(x{provider="openai", code=~"5.."}[5m])', 'y{provider=~"anthropic|$p", team!="x"}']);
    expect(valuesOf('provider', 'open', matched)).toEqual(['anthropic', 'openai']);
    expect(valuesOf('model', 'open', matched)).toEqual(['model-a', 'model-b']);
    expect(valuesOf('code', ['200', '500'], matched)).toEqual(['200', '500']);
  });

  it('backfills a rule only after every rule whose output it reads', () => {
    const rules = [rule('budget', '1 - ratio_30d / 0.001'), rule('ratio_30d', 'sum_over_time(errors_1h[30d])'), rule('errors_1h', 'avg_over_time(errors_5m[1h])'), rule('errors_5m', 'sum(rate(x_total[5m]))'), rule('self', 'self + 1')];
    expect(levels(rules).map((l) => l.map((r) => r.record))).toEqual([['errors_5m'], ['errors_1h'], ['ratio_30d'], ['budget'], ['self']]);
  });

  it('makes counters that only go up and histograms whose buckets are cumulative and end at _count', () => {
    const shop = defineMetrics({
      job: 'shop',
      metrics: {
        requests: counter({ name: 'shop_requests_total', help: 'Requests.', labels: { code: ['200', '500'] } }),
        duration: histogram({ name: 'shop_duration_seconds', help: 'Latency.', unit: 'seconds', buckets: [0.1, 0.5, 1] }),
      },
    });
    const times = Array.from({ length: 240 }, (_, i) => 1_700_000_000 + i * 15);
    const series = synthesize([shop], new Map(), times, new Traffic({ from: times[0]!, to: times[times.length - 1]! }));
    const byName = (name: string, labels: Record<string, string> = {}) => series.find((s) => s.labels.__name__ === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))!;
    for (const code of ['200', '500']) {
      const v = byName('shop_requests_total', { code }).values;
      expect(v.every((x, i) => i === 0 || x >= v[i - 1]!)).toBe(true);
    }
    // Failures are rare, but they happen.
    expect(byName('shop_requests_total', { code: '500' }).values.at(-1)).toBeGreaterThan(0);
    expect(byName('shop_requests_total', { code: '500' }).values.at(-1)! * 20).toBeLessThan(byName('shop_requests_total', { code: '200' }).values.at(-1)!);
    const last = ['0.1', '0.5', '1', '+Inf'].map((le) => byName('shop_duration_seconds_bucket', { le }).values.at(-1)!);
    expect(last).toEqual([...last].sort((a, b) => a - b));
    expect(last.at(-1)).toBe(byName('shop_duration_seconds_count').values.at(-1));
    expect(byName('up', { job: 'shop' }).values.some((v) => v === 0)).toBe(true);
  });
});
