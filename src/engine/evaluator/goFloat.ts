import { UnsupportedError } from './errors.js';

/**
 * Go's strconv float parsing and formatting where PromQL exposes them: `le` label values are
 * read with ParseFloat (an overflowing literal is an error, so its bucket is skipped), and
 * count_values writes values with FormatFloat(v, 'f', -1, 64).
 */

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const SPECIAL = /^([+-]?)(inf|infinity|nan)$/i;

/** strconv.ParseFloat(s, 64); undefined where Go returns an error. */
export function goParseFloat(s: string): number | undefined {
  const special = SPECIAL.exec(s);
  if (special) {
    if (special[2]!.toLowerCase() === 'nan') return NaN;
    return special[1] === '-' ? -Infinity : Infinity;
  }
  if (/^[+-]?0[xX]/.test(s) || s.includes('_')) throw new UnsupportedError('hexadecimal or underscored float', s);
  if (!DECIMAL.test(s)) return undefined;
  const n = Number(s);
  // Go reports a range error for a finite literal that overflows.
  return Number.isFinite(n) ? n : undefined;
}

/** strconv.FormatFloat(v, 'f', -1, 64): shortest round-trip digits, never an exponent. */
export function goFormatFloatPlain(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  if (v === 0) return Object.is(v, -0) ? '-0' : '0';
  const sign = v < 0 ? '-' : '';
  const [mantissa, exponent] = Math.abs(v).toExponential().split('e') as [string, string];
  const digits = mantissa.replace('.', '');
  const point = Number(exponent) + 1; // digits before the decimal point
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}
