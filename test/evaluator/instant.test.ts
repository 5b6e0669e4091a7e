import { describe, expect, it } from 'vitest';
import {
  evaluate,
  evaluateOrderChecked,
  EvaluationError,
  MemoryStorage,
  parseSeriesValues,
  UnsupportedError,
  type EvalResult,
} from '../../src/engine/evaluator/index.js';
import { parse } from './battery.js';

const minute = 60_000;

function storage(series: Record<string, string>): MemoryStorage {
  return MemoryStorage.fromInputs(
    minute,
    Object.entries(series).map(([selector, values]) => {
      const e = parse(selector);
      if (e.type !== 'vector') throw new Error(selector);
      const labels: Record<string, string> = { __name__: e.name ?? '' };
      for (const m of e.matchers) labels[m.name] = m.value;
      return { labels, values: parseSeriesValues(values) };
    }),
  );
}

function values(result: EvalResult): number[] {
  if (result.type !== 'vector') throw new Error(result.type);
  return result.samples.map((s) => s.value);
}

const run = (s: MemoryStorage, q: string, t: number): EvalResult => evaluate(parse(q), t, s);

describe('selectors as Prometheus 2.42 reads them', () => {
  const s = storage({ x: '0+1x10', y: '1 _x10', z: '1 2 stale 4' });

  it('includes the sample exactly at the start of a range (3.0 made it open)', () => {
    expect(values(run(s, 'count_over_time(x[5m])', 10 * minute))).toEqual([6]);
  });

  it('still sees a sample exactly one lookback delta old, and not one millisecond older', () => {
    expect(values(run(s, 'y', 5 * minute))).toEqual([1]);
    expect(values(run(s, 'y', 5 * minute + 1))).toEqual([]);
  });

  it('hides a series behind its staleness marker, and skips the marker inside ranges', () => {
    expect(values(run(s, 'z', 2 * minute + 30_000))).toEqual([]);
    expect(values(run(s, 'count_over_time(z[5m])', 3 * minute))).toEqual([3]);
  });

  it('reads offset and @ relative to the right time', () => {
    expect(values(run(s, 'x offset 3m', 10 * minute))).toEqual([7]);
    expect(values(run(s, 'x offset -2m', 5 * minute))).toEqual([7]);
    expect(values(run(s, 'x @ 120', 10 * minute))).toEqual([2]);
  });

  it('hides samples after the horizon of an until() view', () => {
    expect(values(run(s.until(4 * minute), 'x offset -2m', 5 * minute))).toEqual([4]);
  });
});

describe('rate extrapolation', () => {
  it('extrapolates to the range ends but not below zero for counters', () => {
    const s = storage({ c: '0+60x10' });
    // Samples at 5m..10m of a 5m window ending at 10m cover the whole window: 60/min.
    expect(values(run(s, 'rate(c[5m])', 10 * minute))).toEqual([1]);
    expect(values(run(s, 'increase(c[5m])', 10 * minute))).toEqual([300]);
  });

  it('adds the value before a reset', () => {
    const s = storage({ c: '10 20 5 15' });
    // (20 - 10) + 5 + (15 - 5), over a window the samples cover exactly.
    expect(values(run(s, 'increase(c[3m])', 3 * minute))).toEqual([25]);
  });
});

describe('label handling', () => {
  const s = storage({ 'a{job="x", instance="1"}': '4', 'b{job="x"}': '2' });

  it('drops __name__ for arithmetic but keeps it for comparisons and atan2', () => {
    const div = run(s, 'a / on(job) group_left b', 0);
    expect(div.type === 'vector' && div.samples[0]?.labels).toEqual({ job: 'x', instance: '1' });
    const cmp = run(s, 'a > 1', 0);
    expect(cmp.type === 'vector' && cmp.samples[0]?.labels.__name__).toBe('a');
    const atan = run(s, 'a atan2 1', 0);
    expect(atan.type === 'vector' && atan.samples[0]?.labels.__name__).toBe('a');
  });

  it('keeps only the on() labels in one-to-one matching', () => {
    const r = run(s, 'a - on(job) b', 0);
    expect(r.type === 'vector' && r.samples[0]?.labels).toEqual({ job: 'x' });
  });

  it('fails like Prometheus on many-to-many matching and on duplicate output series', () => {
    const d = storage({ 'a{job="x", i="1"}': '1', 'a{job="x", i="2"}': '2', 'b{job="x"}': '1' });
    expect(() => run(d, 'b * on(job) a', 0)).toThrow(EvaluationError);
    expect(() => run(d, 'label_replace(a, "i", "same", "i", ".*")', 0)).toThrow(/same labelset/);
  });
});

describe('unsupported features', () => {
  it('names the function it cannot reproduce', () => {
    const s = storage({ x: '1' });
    try {
      run(s, 'sin(x)', 0);
      expect.fail('sin should be unsupported');
    } catch (e) {
      expect(e).toBeInstanceOf(UnsupportedError);
      expect((e as UnsupportedError).feature).toBe('function sin()');
    }
  });
});

describe('series order', () => {
  it('flags results that promtool may compute differently from run to run', () => {
    const s = storage({ 'u{i="a"}': '1', 'u{i="b"}': '1', 'u{i="c"}': '1', 'v{i="a"}': '0.1', 'v{i="b"}': '0.2', 'v{i="c"}': '0.3' });
    expect(evaluateOrderChecked(parse('topk(1, u)'), 0, s).orderIndependent).toBe(false);
    expect(evaluateOrderChecked(parse('sum(v)'), 0, s).orderIndependent).toBe(false);
    expect(evaluateOrderChecked(parse('sum(u)'), 0, s).orderIndependent).toBe(true);
    expect(evaluateOrderChecked(parse('topk(1, v)'), 0, s).orderIndependent).toBe(true);
  });
});
