import { describe, expect, it } from 'vitest';
import { compile, RegexpSyntaxError } from '../../src/engine/goregexp/index.js';

/** Each message is what promtool 2.42 (Go 1.19) printed for the pattern. */
const INVALID: Array<[pattern: string, message: string]> = [
  ['(', 'missing closing ): `(`'],
  ['(?:', 'missing closing ): `(?:`'],
  ['(?P<a>', 'missing closing ): `(?P<a>`'],
  ['a)', 'unexpected ): `a)`'],
  ['[a', 'missing closing ]: `[a`'],
  ['[a-', 'missing closing ]: `[a-`'],
  ['[z-a]', 'invalid character class range: `z-a`'],
  ['[[:foo:]]', 'invalid character class range: `[:foo:]`'],
  ['[[:a]b:]]', 'invalid character class range: `[:a]b:]`'],
  ['\\p', 'invalid character class range: `\\p`'],
  ['\\p{L', 'invalid character class range: `\\p{L`'],
  ['*', 'missing argument to repetition operator: `*`'],
  ['(?i)*', 'missing argument to repetition operator: `*`'],
  ['\\Q\\E*', 'missing argument to repetition operator: `*`'],
  ['x**', 'invalid nested repetition operator: `**`'],
  ['x{2}{3}', 'invalid nested repetition operator: `{2}{3}`'],
  ['a{1001}', 'invalid repeat count: `{1001}`'],
  ['a{2,1}', 'invalid repeat count: `{2,1}`'],
  ['(a{100}){100}', 'invalid repeat count: `{100}`'],
  ['(a{100}){100}?', 'invalid repeat count: `{100}?`'],
  ['(?:a{2}){501}', 'invalid repeat count: `{501}`'],
  ['(?i', 'invalid or unsupported Perl syntax: `(?i`'],
  ['(?P<', 'invalid or unsupported Perl syntax: `(?P`'],
  ['(?<n>a)', 'invalid or unsupported Perl syntax: `(?<`'],
  ['(?-)', 'invalid or unsupported Perl syntax: `(?-)`'],
  ['(?i-)', 'invalid or unsupported Perl syntax: `(?i-)`'],
  ['(?P<a', 'invalid named capture: `(?P<a`'],
  ['(?P<>a)', 'invalid named capture: `(?P<>`'],
  ['\\x{zz}', 'invalid escape sequence: `\\x{z`'],
  ['\\x{110000}', 'invalid escape sequence: `\\x{110000`'],
  ['\\x{}', 'invalid escape sequence: `\\x{}`'],
  ['\\xg1', 'invalid escape sequence: `\\xg1`'],
  ['\\x1', 'invalid escape sequence: `\\x1`'],
  ['\\18', 'invalid escape sequence: `\\1`'],
  ['\\8', 'invalid escape sequence: `\\8`'],
  ['\\é', 'invalid escape sequence: `\\é`'],
  ['\\Z', 'invalid escape sequence: `\\Z`'],
  ['\\C', 'invalid escape sequence: `\\C`'],
  ['a\\', 'trailing backslash at end of expression: ``'],
];

describe('patterns Go rejects', () => {
  it.each(INVALID)('rejects %s with Go\'s message', (pattern, message) => {
    expect(() => compile(pattern)).toThrow(new RegexpSyntaxError(message.slice(0, message.indexOf(': `')), message.slice(message.indexOf(': `') + 3, -1)));
    expect(() => compile(pattern)).toThrow(`error parsing regexp: ${message}`);
  });

  it('accepts what JavaScript would reject or read differently, and the reverse', () => {
    // Go: a no-op group, a literal brace, a repeated assertion. JS: backreferences, lookahead.
    for (const ok of ['(?)', 'a{', '^*', '(?i)', '[]a]', '[^]a]', '\\_']) expect(() => compile(ok)).not.toThrow();
    for (const bad of ['(a)\\1', '(?=a)', '(?<=a)b', '\\k<n>', '\\cA']) expect(() => compile(bad)).toThrow(RegexpSyntaxError);
  });
});
