import { describe, expect, it } from 'vitest';
import { anchor, compileAnchored, compileLabelRegexp, matchesLabel, RegexpSyntaxError } from '../../src/engine/goregexp/index.js';

describe('Prometheus anchoring', () => {
  it('wraps the pattern text as ^(?:re)$', () => {
    expect(anchor('a|b')).toBe('^(?:a|b)$');
  });

  it('makes a label matcher match the whole value, alternatives included', () => {
    expect(matchesLabel({ op: '=~', value: 'api|web' }, 'api')).toBe(true);
    expect(matchesLabel({ op: '=~', value: 'api|web' }, 'api-2')).toBe(false);
    expect(matchesLabel({ op: '=~', value: 'a.*' }, 'xa')).toBe(false);
  });

  it('treats a missing label as the empty value', () => {
    expect(matchesLabel({ op: '=~', value: '.*' }, '')).toBe(true);
    expect(matchesLabel({ op: '=~', value: '.+' }, '')).toBe(false);
    expect(matchesLabel({ op: '!~', value: '5..' }, '')).toBe(true);
    expect(matchesLabel({ op: '=', value: '' }, '')).toBe(true);
    expect(matchesLabel({ op: '!=', value: 'a' }, '')).toBe(true);
  });

  it('compares = and != values as plain strings, not patterns', () => {
    expect(matchesLabel({ op: '=', value: 'a.b' }, 'axb')).toBe(false);
    expect(matchesLabel({ op: '!=', value: 'a.b' }, 'a.b')).toBe(false);
  });

  it('keeps the anchors outside (?m), so a multi-line flag cannot loosen them', () => {
    expect(matchesLabel({ op: '=~', value: '(?m)^a$' }, 'a\nb')).toBe(false);
    expect(matchesLabel({ op: '=~', value: '(?m)a$\n^b' }, 'a\nb')).toBe(true);
  });

  it('lets label_replace search the anchored text, so a)|(b matches a prefix or a suffix', () => {
    const re = compileAnchored('a)|(b');
    expect(re.findSubmatch('axyz')?.groups).toEqual(['a', undefined]);
    expect(re.findSubmatch('xyzb')?.groups).toEqual(['b', 'b']);
    expect(re.findSubmatch('xyz')).toBeNull();
  });

  it('rejects a)|(b in a label matcher, because Prometheus also parses the bare pattern', () => {
    expect(() => compileLabelRegexp('a)|(b')).toThrow('error parsing regexp: unexpected ): `a)|(b`');
  });

  it('quotes the anchored text when the anchored pattern is what fails, as Prometheus does', () => {
    expect(() => matchesLabel({ op: '=~', value: '(' }, 'x')).toThrow(new RegexpSyntaxError('missing closing )', '^(?:()$'));
    expect(() => matchesLabel({ op: '!~', value: 'a)' }, 'x')).toThrow('error parsing regexp: unexpected ): `^(?:a))$`');
  });
});
