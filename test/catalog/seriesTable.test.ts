import { describe, expect, it } from 'vitest';
import { labelGuard } from '../../src/library/catalog/labelGuard.js';
import { SeriesTable } from '../../src/library/catalog/seriesTable.js';

const table = () => new SeriesTable(['a', 'b'], labelGuard('t_total', { a: 'open', b: 'open' }), (labels) => ({ labels, value: 0 }));

describe('SeriesTable', () => {
  it('finds the same series for the same values, whatever object carries them', () => {
    const t = table();
    t.of({ a: 'x', b: 'y' }).value += 1;
    t.of({ b: 'y', a: 'x' }).value += 2;
    expect([...t.values()].map((s) => [s.labels, s.value])).toEqual([[{ a: 'x', b: 'y' }, 3]]);
  });

  it('keeps apart values that would join into the same text (a separator inside a value)', () => {
    const t = table();
    t.of({ a: 'x\u0000y', b: 'z' }).value += 1;
    t.of({ a: 'x', b: 'y\u0000z' }).value += 10;
    t.of({ a: 'x', b: 'y\u0000z' }).value += 10;
    t.of({ a: 'x\u0000y', b: 'z' }).value += 1;
    expect([...t.values()].map((s) => [s.labels, s.value])).toEqual([
      [{ a: 'x\u0000y', b: 'z' }, 2],
      [{ a: 'x', b: 'y\u0000z' }, 20],
    ]);
    expect(t.size).toBe(2);
  });

  it('owns its label set: changing the caller object afterwards changes no series', () => {
    const t = table();
    const labels = { a: 'x', b: 'y' };
    t.of(labels).value = 1;
    labels.a = 'changed';
    expect([...t.values()][0]!.labels).toEqual({ a: 'x', b: 'y' });
  });

  it('checks a new label set with the guard and creates nothing for a bad one', () => {
    const t = table();
    expect(() => t.of({ a: 'x' })).toThrow('metric t_total: label "b" is missing');
    expect(() => t.of({ a: 'x', b: 'y', c: 'z' })).toThrow('label "c" is not declared');
    expect(t.size).toBe(0);
  });
});
