import { describe, expect, it } from 'vitest';
import { EvaluationError, MemoryStorage } from '../../src/engine/evaluator/index.js';
import type { LabelMatcher } from '../../src/library/promql/ast.js';

const minute = 60_000;

function names(series: readonly { labels: readonly (readonly [string, string])[] }[]): string[] {
  return series.map((s) => s.labels.map(([n, v]) => `${n}=${v}`).join(','));
}

describe('MemoryStorage appends', () => {
  it('keeps samples in time order whatever order they arrive in', () => {
    const s = MemoryStorage.empty();
    const series = s.append({ __name__: 'x' }, 3 * minute, 3);
    s.append({ __name__: 'x' }, minute, 1);
    s.appendTo(series, 2 * minute, 2);
    s.appendTo(series, 4 * minute, 4);
    const [x] = s.select('x', []);
    expect(x!.t).toEqual([minute, 2 * minute, 3 * minute, 4 * minute]);
    expect(x!.v).toEqual([1, 2, 3, 4]);
  });

  it('ignores an identical sample and a stale marker at an existing time, and rejects a different value', () => {
    const s = MemoryStorage.empty();
    const series = s.append({ __name__: 'x', job: 'a' }, minute, 1);
    s.appendTo(series, 2 * minute, 2);
    s.appendTo(series, minute, 1);
    s.appendTo(series, minute, 'stale');
    expect(series.t).toEqual([minute, 2 * minute]);
    expect(series.staleCount).toBe(0);
    expect(() => s.appendTo(series, minute, 5)).toThrow(new EvaluationError('duplicate sample for timestamp 60000 of __name__ x job a '));
    // The newest sample takes the same checks as an older one.
    expect(() => s.append({ __name__: 'x', job: 'a' }, 2 * minute, 3)).toThrow(EvaluationError);
  });

  it('counts staleness markers, in order or not, but not a value written over by nothing', () => {
    const s = MemoryStorage.empty();
    const series = s.append({ __name__: 'x' }, 2 * minute, 'stale');
    s.appendTo(series, minute, 'stale');
    s.appendTo(series, 3 * minute, 3);
    expect(series.stale).toEqual([true, true, false]);
    expect(series.staleCount).toBe(2);
  });

  it('loads a series listed twice from its last definition, created where that one starts', () => {
    const s = MemoryStorage.fromInputs(minute, [
      { labels: { __name__: 'x', i: '1' }, values: [1, 1] },
      { labels: { __name__: 'x', i: '2' }, values: [2, 2] },
      { labels: { __name__: 'x', i: '1' }, values: [null, 5, 'stale'] },
      { labels: { __name__: 'x', i: '3' }, values: [null, null] },
    ]);
    const all = s.select('x', []);
    expect(names(all)).toEqual(['__name__=x,i=1', '__name__=x,i=2']);
    expect(all[0]!.t).toEqual([minute, 2 * minute]);
    expect(all[0]!.staleCount).toBe(1);
  });
});

describe('MemoryStorage views and selection', () => {
  const matcher = (name: string, op: LabelMatcher['op'], value: string): LabelMatcher => ({ name, op, value });

  it('hides series whose first sample is after the horizon of an until view', () => {
    const s = MemoryStorage.fromInputs(minute, [
      { labels: { __name__: 'x', job: 'early' }, values: [1] },
      { labels: { __name__: 'x', job: 'late' }, values: [null, null, 1] },
    ]);
    expect(names(s.until(minute).select('x', []))).toEqual(['__name__=x,job=early']);
    expect(names(s.until(2 * minute).select('x', []))).toHaveLength(2);
    expect(s.until(minute).visibleCount(s.select('x', [])[0]!)).toBe(1);
    // A view narrows further but never widens.
    expect(names(s.until(minute).until(5 * minute).select('x', []))).toHaveLength(1);
  });

  it('selects by name and matchers, and sees series created after an earlier selection', () => {
    const s = MemoryStorage.fromInputs(minute, [
      { labels: { __name__: 'x', job: 'a' }, values: [1] },
      { labels: { __name__: 'y', job: 'a' }, values: [1] },
    ]);
    const matchers = [matcher('job', '=~', 'a|b')];
    expect(names(s.select('x', matchers))).toEqual(['__name__=x,job=a']);
    s.append({ __name__: 'x', job: 'b' }, 0, 1);
    s.append({ __name__: 'x', job: 'c' }, 0, 1);
    expect(names(s.select('x', matchers))).toEqual(['__name__=x,job=a', '__name__=x,job=b']);
    expect(names(s.select(undefined, [matcher('job', '=', 'a')]))).toEqual(['__name__=x,job=a', '__name__=y,job=a']);
    expect(s.select('z', [])).toEqual([]);
  });

  it('lists series in a seeded order that is the same for a selection as for the whole store', () => {
    const inputs = Array.from({ length: 12 }, (_, i) => ({ labels: { __name__: i % 2 ? 'x' : 'y', i: String(i) }, values: [1] }));
    const s = MemoryStorage.fromInputs(minute, inputs);
    const sorted = names(s.select('x', []));
    expect(sorted).toEqual([...sorted].sort());
    const seeded = s.withSeriesOrder(7);
    const all = names(seeded.allSeries());
    const xs = names(seeded.select('x', []));
    expect(xs).not.toEqual(sorted);
    expect(all.filter((n) => n.startsWith('__name__=x'))).toEqual(xs);
    const keys = seeded.select('x', []).map((series) => seeded.orderKey(series.labels));
    expect(keys).toEqual([...keys].sort((a, b) => a - b));
  });

  it('sees a series once an earlier sample is inserted before its first one', () => {
    const s = MemoryStorage.fromInputs(minute, [{ labels: { __name__: 'x' }, values: [null, null, 1] }]);
    const view = s.until(minute);
    expect(view.select('x', [])).toEqual([]);
    s.append({ __name__: 'x' }, 0, 0);
    expect(names(view.select('x', []))).toEqual(['__name__=x']);
  });

  it('hands each caller of select its own array', () => {
    const s = MemoryStorage.fromInputs(minute, [{ labels: { __name__: 'x' }, values: [1] }]);
    s.select('x', []).pop();
    expect(s.select('x', [])).toHaveLength(1);
  });

  it('throws a bad regexp only when a visible series reaches it', () => {
    const s = MemoryStorage.fromInputs(minute, [{ labels: { __name__: 'x', job: 'a' }, values: [null, 1] }]);
    const bad = [matcher('job', '=~', '(')];
    expect(s.until(0).select('x', bad)).toEqual([]);
    expect(s.select('y', bad)).toEqual([]);
    expect(() => s.select('x', bad)).toThrow(EvaluationError);
    // The first matcher that fails decides; a later bad one is never tried.
    expect(s.select('x', [matcher('job', '=', 'b'), ...bad])).toEqual([]);
  });
});
