import type { SampleValue } from './storage.js';

/**
 * Writing promtool's expanding notation: the inverse of parseSeriesValues, choosing the
 * shortest text that loads back to exactly the same floats.
 */

/**
 * The shortest text the series lexer reads back as exactly `x`: the round-trip digits in
 * whichever of plain or exponent form is shorter (".5", "15e2"). Identifiers for the
 * non-finite values cannot take an `x` suffix, which the caller accounts for.
 */
export function formatSeriesNumber(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Inf';
  if (x === -Infinity) return '-Inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const sign = x < 0 ? '-' : '';
  const [mantissa, exponent] = Math.abs(x).toExponential().split('e') as [string, string];
  const digits = mantissa.replace('.', '');
  // value = digits × 10^k
  const k = Number(exponent) - (digits.length - 1);
  let plain: string;
  if (k >= 0) plain = digits + '0'.repeat(k);
  else if (digits.length > -k) plain = `${digits.slice(0, digits.length + k)}.${digits.slice(digits.length + k)}`;
  else plain = `.${'0'.repeat(-k - digits.length)}${digits}`;
  const scientific = k === 0 ? plain : `${digits}e${k}`;
  return sign + (scientific.length < plain.length ? scientific : plain);
}

function isIdentifier(text: string): boolean {
  return text.endsWith('Inf') || text === 'NaN';
}

/** Candidate increments for a run starting at `a` whose next value is `next`. */
function stepCandidates(a: number, next: number): number[] {
  const d = next - a;
  if (!Number.isFinite(d) || d === 0) return [];
  const seen = new Set<number>();
  const out: number[] = [];
  for (let p = 1; p <= 17; p++) {
    const b = Number(d.toPrecision(p));
    if (b !== 0 && !seen.has(b) && a + b === next) {
      seen.add(b);
      out.push(b);
    }
  }
  if (!seen.has(d) && a + d === next) out.push(d);
  return out;
}

/**
 * Writes values in the most compact notation that parseSeriesValues reads back to exactly
 * the same floats (compared with Object.is, so -0 and NaN survive): gaps as `_`/`_xn`,
 * constant runs as `axn`, arithmetic runs as `a+bxn` checked against Prometheus's repeated
 * float addition. Chosen by dynamic programming over where each run ends.
 */
export function formatSeriesValues(values: readonly SampleValue[]): string {
  const n = values.length;
  const num = values.map((v) => (typeof v === 'number' ? formatSeriesNumber(v) : ''));
  // best[i]: shortest encoding of values[i..]; choice[i]: its first token.
  const best: number[] = new Array<number>(n + 1).fill(Infinity);
  const choice: string[] = new Array<string>(n + 1).fill('');
  best[n] = 0;
  const consider = (i: number, length: number, token: string): void => {
    const cost = token.length + (i + length < n ? 1 : 0) + best[i + length]!;
    if (cost < best[i]!) {
      best[i] = cost;
      choice[i] = `${token}\u0000${length}`;
    }
  };
  for (let i = n - 1; i >= 0; i--) {
    const v = values[i]!;
    if (v === null) {
      consider(i, 1, '_');
      for (let L = 2; i + L <= n && values[i + L - 1] === null; L++) consider(i, L, `_x${L}`);
      continue;
    }
    if (v === 'stale') {
      consider(i, 1, 'stale');
      continue;
    }
    const a = num[i]!;
    consider(i, 1, a);
    // Identifiers (Inf, NaN) swallow a following "x", so they repeat through "+0".
    const repeat = (L: number): string => (isIdentifier(a) ? `${a}+0x${L - 1}` : `${a}x${L - 1}`);
    for (let L = 2; i + L <= n && Object.is(values[i + L - 1], v); L++) consider(i, L, repeat(L));
    const next = values[i + 1];
    if (typeof next !== 'number') continue;
    for (const b of stepCandidates(v, next)) {
      const step = b < 0 ? `-${formatSeriesNumber(-b)}` : `+${formatSeriesNumber(b)}`;
      let current = v + b;
      for (let L = 2; i + L <= n && Object.is(values[i + L - 1], current); L++) {
        consider(i, L, `${a}${step}x${L - 1}`);
        current += b;
      }
    }
  }
  const parts: string[] = [];
  for (let i = 0; i < n; ) {
    const [token, length] = choice[i]!.split('\u0000') as [string, string];
    parts.push(token);
    i += Number(length);
  }
  return parts.join(' ');
}
