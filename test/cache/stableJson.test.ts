import { describe, expect, it } from 'vitest';
import { digest, stableJson } from '../../src/engine/compiler/cache/stableJson.js';

describe('stableJson, the text a cache key is hashed from', () => {
  it('is the same for equal data whatever order its keys were set in', () => {
    expect(stableJson({ b: 1, a: { d: [1, 2], c: 'x' } })).toBe(stableJson({ a: { c: 'x', d: [1, 2] }, b: 1 }));
  });

  it.each([
    ['NaN and null', NaN, null],
    ['Infinity and null', Infinity, null],
    ['-Infinity and Infinity', -Infinity, Infinity],
    ['-0 and 0', -0, 0],
    ['undefined and null in an array', [undefined], [null]],
    ['the string "NaN" and NaN', 'NaN', NaN],
    ['1 and "1"', 1, '1'],
    ['an array order', [1, 2], [2, 1]],
  ])('tells %s apart, which JSON.stringify would not always', (_, a, b) => {
    expect(stableJson(a)).not.toBe(stableJson(b));
  });

  it('treats an undefined property as a missing one', () => {
    expect(stableJson({ a: 1, b: undefined })).toBe(stableJson({ a: 1 }));
  });

  it.each([
    ['a Map', new Map([['a', 1]])],
    ['a Set', new Set([1])],
    ['a function', () => 1],
    ['a class instance', new (class Thing {})()],
    ['a Date', new Date(0)],
  ])('refuses %s, which JSON would drop or blur silently', (_, value) => {
    expect(() => stableJson({ inner: [value] })).toThrow(/not plain data/);
  });
});

describe('digest', () => {
  it('keeps the boundaries between parts', () => {
    expect(digest('ab', 'c')).not.toBe(digest('a', 'bc'));
    expect(digest('ab', 'c')).toBe(digest('ab', 'c'));
  });
});
