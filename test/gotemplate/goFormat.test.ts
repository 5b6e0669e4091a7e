import { describe, expect, it } from 'vitest';
import { formatFloat, formatGo, sprintf } from '../../src/engine/gotemplate/index.js';

// Every expectation below was checked against Prometheus 2.42 (Go 1.19) through promtool.
describe('formatGo: Go fmt verbs on float64', () => {
  it.each([
    ['%.2f', 0.125, '0.12'],
    ['%.2f', 0.375, '0.38'],
    ['%.0f', 0.5, '0'],
    ['%.0f', 1.5, '2'],
    ['%.0f', 2.5, '2'],
    ['%.1f%%', 0.25, '0.2%'],
    ['%5.2f', -12.375, '-12.38'],
    ['%08.3f', -12.375, '-012.375'],
    ['%+08.2f', 3.14159, '+0003.14'],
    ['% .3f', -12.375, '-12.375'],
    ['%-8.3e', -12.375, '-1.238e+01'],
    ['%e', 1e21, '1.000000e+21'],
    ['%E', 1e-7, '1.000000E-07'],
    ['%.0e', 5e5, '5e+05'],
    ['%#.0e', 5e5, '5.e+05'],
    ['%+.2e', 0, '+0.00e+00'],
    ['%.4g', 1234567, '1.235e+06'],
    ['%10.4g', -12.375, '    -12.38'],
    ['%#g', 1, '1.00000'],
    ['%#.3g', 2, '2.00'],
    ['%G', 1e-10, '1E-10'],
    ['%.3G', 1234567, '1.23E+06'],
    ['%F', 2.5, '2.500000'],
    ['%x', -12.375, '-0x1.8cp+03'],
    ['%X', 0.1, '0X1.999999999999AP-04'],
    ['%.2x', 3.3, '0x1.a6p+01'],
    ['%.0x', 1.5, '0x1p+01'],
    ['%#x', 1, '0x1.0000p+00'],
    ['%b', 0.1, '7205759403792794p-56'],
    ['%s', 1.5, '%!s(float64=1.5)'],
    ['%d', -12.375, '%!d(float64=-12.375)'],
    ['%5d', 1.5, '%!d(float64=  1.5)'],
    ['%o', 1.5, '%!o(float64=1.5)'],
    ['%+v', 1.5, '1.5'],
    ['%#v', 1, '1'],
  ])('%s of %s is %s', (verb, value, expected) => {
    expect(formatGo(verb, value)).toBe(expected);
  });
});

describe('the default float format (what {{ $value }} prints)', () => {
  it.each([
    [1234567, '1.234567e+06'],
    [100000000, '1e+08'],
    [1e21, '1e+21'],
    [1e20, '1e+20'],
    [123456, '123456'],
    [999999, '999999'],
    [0.0001, '0.0001'],
    [0.00001234, '1.234e-05'],
    [0.1 + 0.2, '0.30000000000000004'],
    [-0.5, '-0.5'],
    [1e-7, '1e-07'],
    [1.5e300, '1.5e+300'],
    [5e-324, '5e-324'],
    [NaN, 'NaN'],
    [Infinity, '+Inf'],
    [-Infinity, '-Inf'],
    [-0, '-0'],
  ])('%s prints as %s', (value, expected) => {
    expect(formatGo('%v', value)).toBe(expected);
  });
});

describe('special values under flags', () => {
  it('pads NaN and Inf with spaces even with the 0 flag', () => {
    expect(sprintf('%6.2f|%-8.3f|%08.3f|%+08.2f|% 8.2f|%8s', Array(6).fill({ kind: 'float64', value: NaN }))).toBe(
      '   NaN|NaN     |     NaN|    +NaN|     NaN|%!s(float64=     NaN)',
    );
    expect(sprintf('%6.2f|%08.3f|%+g|% g', Array(4).fill({ kind: 'float64', value: -Infinity }))).toBe('  -Inf|    -Inf|-Inf|-Inf');
  });

  it('keeps the sign of negative zero', () => {
    expect(sprintf('%v %.3f %g %e', Array(4).fill({ kind: 'float64', value: -0 }))).toBe('-0 -0.000 -0 -0.000000e+00');
  });
});

describe('formatFloat (strconv.FormatFloat)', () => {
  it('rounds the exact binary value half to even, unlike toFixed', () => {
    expect(formatFloat(0.125, 'f', 2)).toBe('0.12');
    expect((0.125).toFixed(2)).toBe('0.13');
    expect(formatFloat(2.675, 'f', 2)).toBe('2.67');
    expect(formatFloat(1.005, 'f', 2)).toBe('1.00');
  });

  it('expands very small and very large numbers exactly', () => {
    expect(formatFloat(0.1, 'f', 30)).toBe('0.100000000000000005551115123126');
    expect(formatFloat(1e23, 'f', 0)).toBe('99999999999999991611392');
    expect(formatFloat(5e-324, 'e', 3)).toBe('4.941e-324');
    expect(formatFloat(1.7976931348623157e308, 'g', -1)).toBe('1.7976931348623157e+308');
  });
});

describe('integers, strings and bools', () => {
  const int = (v: number) => ({ kind: 'int' as const, value: BigInt(v), type: 'int' as const });
  const str = (value: string) => ({ kind: 'string' as const, value });
  it('formats ints like fmt', () => {
    const args = [42, 255, 255, 8, 5, 65, 66, 67, 42, 42, 42, 42, 255, 8, 7, 9].map(int);
    expect(sprintf('%d|%x|%X|%o|%b|%c|%q|%U|%5d|%-5d|%05d|%+d|%#x|%#o|%.3d|%v', args)).toBe(
      '42|ff|FF|10|101|A|\'B\'|U+0043|   42|42   |00042|+42|0xff|010|007|9',
    );
    expect(sprintf('%c|%U|%#U|%x', [int(0x1f600), int(-1), int(0x1f600), int(-255)])).toBe(
      '😀|U+FFFFFFFFFFFFFFFF|U+1F600 \'😀\'|-ff',
    );
  });

  it('formats strings with rune-based width and precision', () => {
    expect(
      sprintf('%s|%q|%10s|%-10s|%.2s|%x|% x|%X|%05s', ['héllo', 'a"b', 'ab', 'ab', 'héllo', 'hi', 'hi', 'hi', 'ab'].map(str)),
    ).toBe('héllo|"a\\"b"|        ab|ab        |hé|6869|68 69|6869|000ab');
    expect(sprintf('%+q|%#q|%#q', ['é', 'a`b', 'ab'].map(str))).toBe('"\\u00e9"|"a`b"|`ab`');
  });

  it('reports missing, extra and malformed arguments the way fmt does', () => {
    expect(sprintf('%d %s', [])).toBe('%!d(MISSING) %!s(MISSING)');
    expect(sprintf('%d', [int(1), int(2)])).toBe('1%!(EXTRA int=2)');
    expect(sprintf('%z', [int(1)])).toBe('%!z(int=1)');
    expect(sprintf('%', [])).toBe('%!(NOVERB)');
    expect(sprintf('%!', [])).toBe('%!!(MISSING)');
    expect(sprintf('%[2]d %[1]d|%*d|%[5]d', [1, 2, 5, 42].map(int))).toBe('2 1| 5|%!d(BADINDEX)');
    expect(sprintf('%t|%d', [{ kind: 'bool', value: true }, { kind: 'nil' }])).toBe('true|%!d(<nil>)');
  });
});
