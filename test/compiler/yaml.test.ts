import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { toYaml } from '../../src/engine/compiler/emit/yaml.js';

describe('generated YAML', () => {
  it('escapes the characters promtool would read as line breaks, and reads back the same text', () => {
    const value = { description: 'a\u2028b\u2029c\u0085d', plain: 'x' };
    const text = toYaml(value);
    expect(text).not.toMatch(/[\u0085\u2028\u2029]/);
    expect(text).toContain('"a\\Lb\\Pc\\Nd"');
    expect(parse(text)).toEqual(value);
  });
});
