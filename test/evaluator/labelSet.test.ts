import { describe, expect, it } from 'vitest';
import { compareLabels, fromRecord, setLabels, type Labels } from '../../src/engine/evaluator/labelSet.js';

describe('setLabels', () => {
  const base = fromRecord({ __name__: 'x', job: 'api', zone: 'b' });

  it('inserts, replaces and removes labels, keeping the set sorted byte-wise', () => {
    expect(setLabels(base, { alertname: 'A', a_b: '1', job: 'web', zone: '', zz: '2', ABC: '3' })).toEqual([
      ['ABC', '3'],
      ['__name__', 'x'],
      ['a_b', '1'],
      ['alertname', 'A'],
      ['job', 'web'],
      ['zz', '2'],
    ]);
  });

  it('applies changes in order, so a later one for the same name wins', () => {
    expect(setLabels([], { b: '1', a: '2' })).toEqual([
      ['a', '2'],
      ['b', '1'],
    ]);
    expect(setLabels(setLabels(base, { job: '' }), { job: 'again' })).toEqual(setLabels(base, { job: 'again' }));
  });

  it('gives the same set back when nothing changes, and never alters its argument', () => {
    const before = JSON.stringify(base);
    expect(setLabels(base, { job: 'api', missing: '' })).toBe(base);
    setLabels(base, { job: 'web', new: 'x', zone: '' });
    expect(JSON.stringify(base)).toBe(before);
  });

  it('orders names beyond the basic plane after every other character, as Go compares UTF-8', () => {
    const out: Labels = setLabels([['\u{1F600}', 'x']], { '\uFFFF': 'y' });
    expect(out.map(([n]) => n)).toEqual(['\uFFFF', '\u{1F600}']);
    expect(compareLabels(out, [...out].reverse())).toBeLessThan(0);
  });
});
