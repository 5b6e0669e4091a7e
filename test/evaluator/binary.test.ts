import { describe, expect, it } from 'vitest';
import { evaluate, MemoryStorage, type EvalResult } from '../../src/engine/evaluator/index.js';
import { parse } from './battery.js';

const s = MemoryStorage.fromInputs(60_000, [
  { labels: { __name__: 'a', job: 'x', i: '1' }, values: [1] },
  { labels: { __name__: 'a', job: 'x', i: '2' }, values: [2] },
  { labels: { __name__: 'b', job: 'x' }, values: [10] },
  { labels: { __name__: 'b', job: 'y' }, values: [20] },
  { labels: { __name__: 'c', job: 'x', i: '1' }, values: [5] },
]);
const run = (q: string): EvalResult => evaluate(parse(q), 0, s);
const samples = (q: string) => {
  const r = run(q);
  if (r.type !== 'vector') throw new Error(r.type);
  return r.samples;
};

describe('vector matching', () => {
  it('matches one sample against one by its labels without the name, and drops the name for arithmetic', () => {
    expect(samples('c - a{i="1"}')).toEqual([{ labels: { i: '1', job: 'x' }, value: 4 }]);
    expect(samples('c > a{i="1"}')).toEqual([{ labels: { __name__: 'c', i: '1', job: 'x' }, value: 5 }]);
    expect(samples('c - a{i="2"}')).toEqual([]);
    expect(samples('c - on (job) a{i="2"}')).toEqual([{ labels: { job: 'x' }, value: 3 }]);
  });

  it('matches many against one with group_left, copying the included labels', () => {
    expect(samples('a * on (job) group_left (job) b')).toEqual([
      { labels: { i: '1', job: 'x' }, value: 10 },
      { labels: { i: '2', job: 'x' }, value: 20 },
    ]);
  });

  it('fails as Prometheus does when matching is ambiguous', () => {
    expect(() => run('a + on (job) b')).toThrow('multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)');
    expect(() => run('b + on (job) a')).toThrow(/^found duplicate series for the match group on the right hand-side of the operation: \[a\{/);
    expect(() => run('{__name__=~"a|c", i="1"} * on (job) group_left b')).toThrow(
      'multiple matches for labels: grouping labels must ensure unique matches',
    );
  });
});
