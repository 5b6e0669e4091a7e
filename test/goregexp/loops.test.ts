import { describe, expect, it } from 'vitest';
import { compile, compileAnchored, RegexpUnsupportedError } from '../../src/engine/goregexp/index.js';

describe('loops whose JavaScript results differ from Go', () => {
  it("refuses a capture Go keeps from an earlier iteration when JS reports it unset", () => {
    // promtool: reReplaceAll "^(?:(a)|b)*$" "[$1]" "ab" renders "[a]"; JS resets $1 to unset.
    const re = compile('^(?:(a)|b)*$');
    expect(() => re.replaceAllString('ab', '[$1]')).toThrow(RegexpUnsupportedError);
  });

  it('still expands such a group when JS reports it set, since then Go agrees', () => {
    expect(compile('^(?:(a)|b)*$').replaceAllString('ba', '[$1]')).toBe('[a]');
    expect(compile('^(?:(a)|b)*$').replaceAllString('ab', '[$0]')).toBe('[ab]');
  });

  it('expands a group every iteration sets, where both engines keep the last value', () => {
    expect(compile('^(?:(a)b)*$').replaceAllString('abab', '[$1]')).toBe('[a]');
    expect(compileAnchored('(x)+').findSubmatch('xx')?.groups[1]).toBe('x');
  });

  it('refuses match positions for a loop whose body can match empty and non-empty text', () => {
    // promtool: reReplaceAll "(|a)?" "<$0>" "a" renders "<>a<>"; JS would match "a".
    expect(() => compile('(|a)?').replaceAllString('a', '<$0>')).toThrow(RegexpUnsupportedError);
    expect(() => compile('(a*)*').findSubmatch('b')).toThrow(RegexpUnsupportedError);
  });

  it('still answers whether such a pattern matches, which both engines agree on', () => {
    expect(compileAnchored('(a|b?)+').matchString('abab')).toBe(true);
    expect(compileAnchored('(a|b?)+').matchString('abc')).toBe(false);
  });

  it('accepts ordinary loops', () => {
    for (const ok of ['(?:[a-z]*\\.)*', '(\\w+)?', '.*', '(a|b)*', '(?:,\\s*)*', 'x{2,5}']) {
      expect(() => compile(ok).findSubmatch('a.b')).not.toThrow();
    }
  });
});

describe("Go's size limits", () => {
  it('accepts the deepest nesting real patterns use', () => {
    expect(() => compile('('.repeat(100) + 'a' + ')'.repeat(100))).not.toThrow();
  });

  it('refuses nesting near the depth where Go gives up, rather than guess', () => {
    expect(() => compile('('.repeat(1000) + 'a' + ')'.repeat(1000))).toThrow(RegexpUnsupportedError);
    expect(() => compile('(?:'.repeat(50_000) + 'a' + ')'.repeat(50_000))).toThrow(RegexpUnsupportedError);
  });

  it('refuses a program far larger than any Go accepted in testing', () => {
    expect(() => compile('(?:[a-z]{1000}){1}'.repeat(1100))).toThrow(RegexpUnsupportedError);
    expect(() => compile('(?:[a-z]{1000}){1}'.repeat(900))).not.toThrow();
  });
});
