import type { SampleValue } from './storage.js';

/**
 * promtool's expanding notation for input series values (`values: "0+10x5 _ stale 3x2"`),
 * read and written exactly as Prometheus 2.42's series-description lexer and grammar do.
 */

/** A malformed values string, with the offending token. */
export class SeriesNotationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SeriesNotationError';
  }
}

type Token =
  | { kind: 'space' | 'add' | 'sub' | 'times' | 'blank' }
  | { kind: 'number'; text: string }
  | { kind: 'ident'; text: string };

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

function isAlpha(c: string | undefined): boolean {
  return c !== undefined && (c === '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
}

function isAlphaNumeric(c: string | undefined): boolean {
  return isAlpha(c) || isDigit(c);
}

function lex(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const run = (chars: string): void => {
    while (i < text.length && chars.includes(text[i]!)) i++;
  };
  while (i < text.length) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      run(' \t\n\r');
      tokens.push({ kind: 'space' });
    } else if (c === '+') {
      tokens.push({ kind: 'add' });
      i++;
    } else if (c === '-') {
      tokens.push({ kind: 'sub' });
      i++;
    } else if (c === 'x') {
      tokens.push({ kind: 'times' });
      i++;
    } else if (c === '_') {
      tokens.push({ kind: 'blank' });
      i++;
    } else if (isDigit(c) || (c === '.' && isDigit(text[i + 1]))) {
      // Hexadecimal is not recognised here: "0x3" means zero repeated.
      const start = i;
      run('0123456789');
      if (text[i] === '.') {
        i++;
        run('0123456789');
      }
      if (text[i] === 'e' || text[i] === 'E') {
        i++;
        if (text[i] === '+' || text[i] === '-') i++;
        run('0123456789');
      }
      if (text[i] !== 'x' && isAlphaNumeric(text[i])) {
        throw new SeriesNotationError(`bad number syntax: "${text.slice(start, i + 1)}"`);
      }
      tokens.push({ kind: 'number', text: text.slice(start, i) });
    } else if (isAlpha(c)) {
      const start = i;
      while (i < text.length && (isAlphaNumeric(text[i]) || text[i] === ':')) i++;
      tokens.push({ kind: 'ident', text: text.slice(start, i) });
    } else {
      throw new SeriesNotationError(`unexpected character in series sequence: "${c}"`);
    }
  }
  return tokens;
}

/**
 * A number literal as the parser reads it: first as a Go integer with base prefix (so a
 * leading zero means octal), then as a float.
 */
function numberValue(text: string): number {
  if (/^0[0-7]+$/.test(text)) {
    const octal = BigInt(`0o${text.slice(1)}`);
    // Past int64 the integer parse fails and the float parse reads it as decimal.
    if (octal <= 0x7fffffffffffffffn) return Number(octal);
  }
  const n = Number(text);
  if (Number.isNaN(n)) throw new SeriesNotationError(`error parsing number: "${text}"`);
  return n;
}

function identValue(text: string): number | 'stale' {
  const lower = text.toLowerCase();
  if (lower === 'inf') return Infinity;
  if (lower === 'nan') return NaN;
  if (text === 'stale') return 'stale';
  throw new SeriesNotationError(`unexpected "${text}" in series values, expected number or "stale"`);
}

/**
 * Expands a promtool values string. `a+bxn` yields n+1 values by repeated float addition,
 * `axn` n+1 copies, `_xn` n gaps (not n+1). After `stale`, an increment turns the marker
 * into an ordinary NaN, because adding to the signalling NaN quiets it.
 */
export function parseSeriesValues(text: string): SampleValue[] {
  const tokens = lex(text);
  const out: SampleValue[] = [];
  let i = 0;
  const peek = (): Token | undefined => tokens[i];
  const uint = (): number => {
    const t = tokens[i++];
    if (t?.kind !== 'number' || !/^\d+$/.test(t.text)) throw new SeriesNotationError('invalid repetition in series values');
    return Number(t.text);
  };
  const signedNumber = (): number | undefined => {
    const sign = peek();
    if (sign?.kind !== 'add' && sign?.kind !== 'sub') return undefined;
    const num = tokens[i + 1];
    let value: number;
    if (num?.kind === 'number') value = numberValue(num.text);
    else if (num?.kind === 'ident' && identValue(num.text) !== 'stale') value = identValue(num.text) as number;
    else throw new SeriesNotationError('expected a number after the sign');
    i += 2;
    return sign.kind === 'sub' ? -value : value;
  };
  const seriesValue = (): number | 'stale' => {
    const t = peek();
    if (t?.kind === 'number') {
      i++;
      return numberValue(t.text);
    }
    if (t?.kind === 'ident') {
      i++;
      return identValue(t.text);
    }
    const signed = signedNumber();
    if (signed === undefined) throw new SeriesNotationError('expected a series value');
    return signed;
  };
  while (i < tokens.length) {
    const t = peek()!;
    if (t.kind === 'space') {
      i++;
      continue;
    }
    if (out.length > 0 && tokens[i - 1]?.kind !== 'space') throw new SeriesNotationError('series values must be separated by spaces');
    if (t.kind === 'blank') {
      i++;
      if (peek()?.kind === 'times') {
        i++;
        const n = uint();
        for (let k = 0; k < n; k++) out.push(null);
      } else out.push(null);
      continue;
    }
    const first = seriesValue();
    if (peek()?.kind === 'times') {
      i++;
      const n = uint();
      for (let k = 0; k <= n; k++) out.push(first);
      continue;
    }
    const step = signedNumber();
    if (step === undefined) {
      out.push(first);
      continue;
    }
    if (peek()?.kind !== 'times') throw new SeriesNotationError('expected "x" after the increment');
    i++;
    const n = uint();
    let v: number | 'stale' = first;
    for (let k = 0; k <= n; k++) {
      out.push(v);
      v = (v === 'stale' ? NaN : v) + step;
    }
  }
  return out;
}
