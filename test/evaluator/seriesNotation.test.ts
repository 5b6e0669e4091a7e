import { describe, expect, it } from 'vitest';
import {
  formatSeriesNumber,
  formatSeriesValues,
  parseSeriesValues,
  SeriesNotationError,
  type SampleValue,
} from '../../src/engine/evaluator/index.js';

/** Object.is equality per element, so NaN, -0 and the stale marker are compared exactly. */
function same(a: readonly SampleValue[], b: readonly SampleValue[]): boolean {
  return a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
}

describe('parseSeriesValues', () => {
  it.each<[string, SampleValue[]]>([
    ['1 2 3', [1, 2, 3]],
    ['0+10x3', [0, 10, 20, 30]],
    ['10-2.5x2', [10, 7.5, 5]],
    ['-1+1x2', [-1, 0, 1]],
    ['7x2', [7, 7, 7]],
    ['_ _x2 1', [null, null, null, 1]],
    ['1 stale 2', [1, 'stale', 2]],
    ['Inf -Inf', [Infinity, -Infinity]],
    ['.5 1e3 1.5e-3', [0.5, 1000, 0.0015]],
  ])('reads %j', (text, expected) => {
    expect(parseSeriesValues(text)).toEqual(expected);
  });

  it('expands increments by repeated float addition, as the Go parser does', () => {
    const values = parseSeriesValues('0+0.1x3');
    expect(values).toEqual([0, 0.1, 0.1 + 0.1, 0.1 + 0.1 + 0.1]);
    expect(values[3]).not.toBe(0.3);
  });

  it('reads a leading zero as octal and does not know hexadecimal, like Prometheus', () => {
    expect(parseSeriesValues('010 08 0x2')).toEqual([8, 8, 0, 0, 0]);
  });

  it('turns the stale marker into a plain NaN once something is added to it', () => {
    const values = parseSeriesValues('stale+1x2');
    expect(values[0]).toBe('stale');
    expect(values.slice(1).every((v) => Number.isNaN(v))).toBe(true);
  });

  it.each(['1x', 'Infx2', '1,2', '1+2', '_1', 'stalex2', 'abc'])('rejects %j', (text) => {
    expect(() => parseSeriesValues(text)).toThrow(SeriesNotationError);
  });
});

describe('formatSeriesValues', () => {
  it.each<[SampleValue[], string]>([
    [[0, 10, 20, 30, 40], '0+10x4'],
    [[5, 5, 5, 5], '5x3'],
    [[null, null, null, 1], '_x3 1'],
    [[1, 'stale', null], '1 stale _'],
    [[0.5, 1500, 0.0001], '.5 1500 1e-4'],
    [[Infinity, Infinity, Infinity], 'Inf+0x2'],
    [[100, 90, 80, 70], '100-10x3'],
  ])('writes %j as %j', (values, text) => {
    expect(formatSeriesValues(values)).toBe(text);
  });

  it('writes numbers in the shortest form the lexer reads back exactly', () => {
    for (const x of [0.1, 1e21, 1e-7, 123456789012, 5e-324, 1.7976931348623157e308, -0, 2 ** 53 + 2]) {
      const text = formatSeriesNumber(x);
      expect(Object.is(parseSeriesValues(text)[0], x)).toBe(true);
    }
    expect(formatSeriesNumber(1e6)).toBe('1e6');
  });

  it('round-trips random sequences exactly', () => {
    let seed = 42;
    const rnd = (): number => {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      return seed / 2 ** 32;
    };
    for (let trial = 0; trial < 300; trial++) {
      const values: SampleValue[] = [];
      while (values.length < 40) {
        const kind = rnd();
        const run = 1 + Math.floor(rnd() * 8);
        if (kind < 0.1) for (let i = 0; i < run; i++) values.push(null);
        else if (kind < 0.15) values.push('stale');
        else if (kind < 0.2) values.push([NaN, Infinity, -Infinity, -0][Math.floor(rnd() * 4)]!);
        else if (kind < 0.45) {
          const v = Math.round(rnd() * 1000) / 8;
          for (let i = 0; i < run; i++) values.push(v);
        } else {
          let v = (rnd() - 0.5) * 10 ** Math.floor(rnd() * 6);
          const step = Number(((rnd() - 0.5) * 7).toPrecision(1 + Math.floor(rnd() * 4)));
          for (let i = 0; i < run; i++, v += step) values.push(v);
        }
      }
      const text = formatSeriesValues(values);
      expect(same(parseSeriesValues(text), values), text).toBe(true);
    }
  });

  it('round-trips long runs exactly, drifting float steps and gaps included, and writes each run as one token', () => {
    const values: SampleValue[] = [];
    // A counter as a scenario builds it: repeated float addition, as promtool expands a+bxn.
    let c = 0;
    for (let i = 0; i <= 3000; i++, c += 0.1) values.push(c);
    for (let i = 0; i < 100; i++) values.push(null);
    let v = 7;
    for (let i = 0; i < 200; i++, v += 1 / 3) values.push(v);
    for (let i = 0; i < 70; i++) values.push(v);
    for (let i = 0; i < 5; i++) values.push(i);
    const text = formatSeriesValues(values);
    expect(same(parseSeriesValues(text), values), text).toBe(true);
    expect(text).toContain('_x100');
    expect(text.split(' ').length).toBeLessThan(40);
  });

  it('is never longer than writing each value on its own', () => {
    const values: SampleValue[] = [0.1, 0.30000000000000004, 0.5, 0.7, 3, 3, 3, null, null, 'stale'];
    const naive = values.map((v) => (v === null ? '_' : v === 'stale' ? 'stale' : formatSeriesNumber(v))).join(' ');
    expect(formatSeriesValues(values).length).toBeLessThan(naive.length);
  });
});
