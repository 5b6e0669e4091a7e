import { describe, expect, it } from 'vitest';
import { compile, translate, UNICODE_CLASS_NAMES } from '../../src/engine/goregexp/index.js';

const finds = (pattern: string, text: string) => compile(pattern).findSubmatch(text)?.groups[0];
const matches = (pattern: string, text: string) => compile(pattern).matchString(text);

describe('RE2 syntax that JavaScript lacks or reads differently', () => {
  it('takes \\Q...\\E literally, and a following repetition applies to its last character', () => {
    expect(finds('\\Qa.b*\\E', 'xa.b*')).toBe('a.b*');
    expect(matches('\\Qa.b\\E', 'axb')).toBe(false);
    expect(finds('\\Qab\\E*', 'abbb')).toBe('abbb');
    expect(finds('\\Q(', 'x(')).toBe('(');
  });

  it('knows every POSIX class, negated ones included, ASCII only', () => {
    expect(finds('[[:alpha:]]+', '12abC3')).toBe('abC');
    expect(finds('[[:^alpha:]]+', 'ab12é')).toBe('12é');
    expect(finds('[[:space:]]+', 'a \t\v\nb')).toBe(' \t\v\n');
    expect(finds('[[:punct:]]+', 'a!-/b')).toBe('!-/');
    expect(matches('[[:upper:]]', 'É')).toBe(false);
  });

  it('keeps \\d \\s \\w \\b ASCII-only, and \\s without \\v', () => {
    expect(matches('\\d', '٣')).toBe(false);
    expect(matches('\\s', '\u00a0')).toBe(false);
    expect(matches('\\s', '\v')).toBe(false);
    expect(matches('\\w', 'é')).toBe(false);
    expect(compile('\\b').replaceAllString('ab cd', '|')).toBe('|ab| |cd|');
  });

  it('folds (?i) over whole Unicode orbits: s, S and ſ; k, K and the Kelvin sign', () => {
    expect(matches('(?i)s', 'ſ')).toBe(true);
    expect(matches('(?i)k', '\u212a')).toBe(true);
    expect(matches('(?i)ı', 'I')).toBe(false);
    expect(matches('(?i)[a-z]', '\u212a')).toBe(true);
    expect(matches('(?i)[[:upper:]]', 'ſ')).toBe(true);
    expect(matches('(?i)\\p{Lu}', 'a')).toBe(true);
  });

  it('folds before negating, so (?i)[^k] and (?i)\\W exclude every case of the letter', () => {
    expect(matches('(?i)[^k]', '\u212a')).toBe(false);
    expect(matches('(?i)\\W', 'ſ')).toBe(false);
    expect(matches('(?i:\\P{Lu})', 'a')).toBe(false);
  });

  it('scopes flags to their group, and (?flags) to the rest of the enclosing group', () => {
    expect(matches('^(?i:A)b$', 'ab')).toBe(true);
    expect(matches('^(?i:A)b$', 'aB')).toBe(false);
    expect(matches('^a(?i)b$', 'aB')).toBe(true);
    expect(matches('^(?:a(?i)b)c$', 'aBC')).toBe(false);
    expect(matches('^(?i)(?-i:a)b$', 'aB')).toBe(true);
    expect(matches('^(?i)(?-i:a)b$', 'AB')).toBe(false);
  });

  it('swaps greedy and lazy under (?U)', () => {
    expect(finds('(?U)a+', 'aaa')).toBe('a');
    expect(finds('(?U)a+?', 'aaa')).toBe('aaa');
  });

  it("matches Go's `.`: everything but \\n, \\r included, whole characters", () => {
    expect(matches('^a.b$', 'a\rb')).toBe(true);
    expect(matches('^a.b$', 'a\nb')).toBe(false);
    expect(matches('^(?s)a.b$', 'a\nb')).toBe(true);
    expect(finds('.', '😀x')).toBe('😀');
  });

  it('breaks (?m) lines at \\n only, and $ means the very end without it', () => {
    expect(compile('(?m)^').replaceAllString('a\r\nb', '>')).toBe('>a\r\n>b');
    expect(compile('$').replaceAllString('a\n', '<')).toBe('a\n<');
    expect(matches('a\\z', 'a\n')).toBe(false);
  });

  it('accepts Go 1.19 Unicode classes by their Go names only', () => {
    expect(finds('\\pL+', '1héllo2')).toBe('héllo');
    expect(finds('\\p{Greek}+', 'abγδε')).toBe('γδε');
    expect(finds('\\PL+', 'ab12cd')).toBe('12');
    expect(finds('\\p{^L}+', 'ab12cd')).toBe('12');
    expect(finds('[\\P{L}a]+', 'bb1a2b')).toBe('1a2');
    expect(() => compile('\\p{Latn}')).toThrow('invalid character class range: `\\p{Latn}`');
    expect(() => compile('\\p{Kawi}')).toThrow('invalid character class range: `\\p{Kawi}`');
  });

  it('compiles every class name Go 1.19 knows, and none of the newer or aliased ones JS knows', () => {
    // promtool 2.42 accepted all 193 names and rejected each of these.
    expect(UNICODE_CLASS_NAMES).toHaveLength(193);
    for (const name of UNICODE_CLASS_NAMES) expect(() => compile(`\\p{${name}}`), name).not.toThrow();
    for (const name of ['Kawi', 'Nag_Mundari', 'Vithkuqi', 'Toto', 'Latn', 'Zyyy', 'Cn', 'LC', 'Letter', 'Script=Latin', 'ASCII', 'Assigned']) {
      expect(() => compile(`\\p{${name}}`), name).toThrow('invalid character class range');
    }
  });

  it("leaves unassigned code points out of \\p{C}, as Go's table does", () => {
    expect(matches('\\p{C}', '\u0378')).toBe(false);
    expect(matches('\\p{C}', '\u0000')).toBe(true);
  });

  it('numbers (?P<name>...) groups with the others and reports their names on the side', () => {
    const re = compile('(?P<first>\\w)(x)(?P<rest>\\w*)');
    expect(re.subexpNames).toEqual(['', 'first', '', 'rest']);
    expect(re.findSubmatch('axyz')?.groups).toEqual(['axyz', 'a', 'x', 'yz']);
  });

  it('takes a brace that is not a repeat count literally, including a{01} and a{,2}', () => {
    expect(matches('^a{01}$', 'a{01}')).toBe(true);
    expect(matches('^a{,2}$', 'a{,2}')).toBe(true);
    expect(matches('^a{1,2$', 'a{1,2')).toBe(true);
    expect(finds('a{2,}', 'aaaa')).toBe('aaaa');
  });

  it('lets a repetition reach back past a flag group, as Go does with a(?i)*', () => {
    expect(matches('^a(?i)*$', '')).toBe(true);
    expect(finds('x\\Q\\E*', 'xxx')).toBe('xxx');
  });

  it('emits JavaScript that needs only the u flag, with names and flags resolved', () => {
    const t = translate('(?i)(?P<n>k)');
    expect(t.names).toEqual(['', 'n']);
    expect(t.source).toBe('([Kk\\u{212a}])');
    expect(translate('(?m)^a.$').source).toBe('(?<![^\\n])a[^\\n](?![^\\n])');
  });
});
