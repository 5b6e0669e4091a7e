import { describe, expect, it } from 'vitest';
import { nestsDeeperThan } from '../../src/integrations/gateway/http/jsonDepth.js';

const deeper = (json: string, max: number) => nestsDeeperThan(Buffer.from(json), max);

describe('nestsDeeperThan counts the nesting of JSON text without parsing it', () => {
  it.each([
    ['a scalar', '42', 0, false],
    ['an empty object', '{}', 1, false],
    ['an object one deeper than allowed', '{"a":{}}', 1, true],
    ['arrays and objects mixed, at the limit', '{"a":[{"b":[1]}]}', 4, false],
    ['arrays and objects mixed, one over', '{"a":[{"b":[[1]]}]}', 4, true],
    ['siblings do not add up', '[[1],[2],{"a":3},[{}]]', 3, false],
    ['brackets inside a string', '{"a":"[[[[{{{{"}', 1, false],
    ['an escaped quote does not end the string', '{"a":"\\"[[[[[["}', 1, false],
    ['an escaped backslash before the closing quote ends it', '{"a":"\\\\"}', 1, false],
    ['an escaped backslash then a real bracket', '{"a":"\\\\","b":[[]]}', 2, true],
    ['a string left open', '{"a":"[[[[', 1, false],
    ['non-ASCII text in strings', '{"a":"日本語 [[[ ✓"}', 1, false],
  ])('%s', (_name, json, max, expected) => {
    expect(deeper(json, max)).toBe(expected);
  });

  it('answers for a hundred thousand levels without recursing', () => {
    const json = '['.repeat(100_000) + ']'.repeat(100_000);
    expect(deeper(json, 64)).toBe(true);
    expect(deeper(json, 100_000)).toBe(false);
  });
});
