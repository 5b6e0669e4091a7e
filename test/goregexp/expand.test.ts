import { describe, expect, it } from 'vitest';
import { compile } from '../../src/engine/goregexp/index.js';

const replace = (pattern: string, template: string, src: string) => compile(pattern).replaceAllString(src, template);

describe("Go's Regexp.Expand templates", () => {
  it('expands $1, ${1}, $name and ${name}, and $$ as a dollar', () => {
    expect(replace('^(\\w+)-(\\d+)$', '${2}_$1', 'api-42')).toBe('42_api');
    expect(replace('(?P<first>\\w+) (?P<last>\\w+)', '${last}, $first', 'John Smith')).toBe('Smith, John');
    expect(replace('(a)(b)', '$1x${2}y$$z$', 'abab')).toBe('by$z$by$z$');
  });

  it('reads $2_ greedily as the group named "2_", which does not exist', () => {
    expect(replace('^(\\w+)-(\\d+)$', '$2_$1', 'api-42')).toBe('api');
    expect(replace('(.*)', '$1x', 'a')).toBe('');
  });

  it('reads names as Unicode letters, digits and underscores', () => {
    expect(replace('(.*)', '[$é]', 'a')).toBe('[]');
    expect(replace('(.*)', '[$1é]', 'a')).toBe('[]');
  });

  it('treats leading zeros as a name and up to nine digits as a number', () => {
    expect(replace('(.*)', '[$01][${01}]', 'a')).toBe('[][]');
    expect(replace('(?P<01>.*)', '[$01]', 'a')).toBe('[a]');
    expect(replace('(?P<123456789>x)', '[$123456789]', 'x')).toBe('[]');
    expect(replace('(?P<1234567890>x)', '[$1234567890]', 'x')).toBe('[x]');
  });

  it('keeps a malformed reference as text', () => {
    expect(replace('(a)', '${1', 'a')).toBe('${1');
    expect(replace('(a)', '${}', 'a')).toBe('${}');
    expect(replace('(a)', '$-', 'a')).toBe('$-');
    expect(replace('(a)', 'x$', 'a')).toBe('x$');
  });

  it('expands an unset or missing group to nothing', () => {
    expect(replace('(a)|(b)', '[$1$2$9]', 'b')).toBe('[b]');
  });

  it('uses the first group of a repeated name that took part in the match', () => {
    expect(replace('(?P<x>a)|(?P<x>b)', '[${x}]', 'ab')).toBe('[a][b]');
  });
});

describe("Go's Regexp.ReplaceAllString", () => {
  it('skips an empty match right after a previous match', () => {
    expect(replace('a*', '-', 'baaac')).toBe('-b-c-');
    expect(replace('a|', '-', 'bab')).toBe('-b-b-');
  });

  it('steps over whole characters after an empty match, never inside a surrogate pair', () => {
    expect(replace('', '.', 'héllo')).toBe('.h.é.l.l.o.');
    expect(replace('', '.', 'x😀')).toBe('.x.😀.');
    expect(replace('\\B', '|', 'x😀y')).toBe('x😀y');
    expect(compile('\\B').matchString('x😀y')).toBe(false);
  });
});
