/**
 * Go literal syntax inside template actions: strconv.Unquote for "..." / `...` / '.', and the
 * number rules of text/template's parser (ParseUint, ParseInt, ParseFloat tried in turn, so
 * `017` is octal 15, `0x10` is 16 and `1e3` is a float).
 */
import type { NumberNode } from './ast.js';

export class LiteralError extends Error {}

const SIMPLE_ESCAPES: Record<string, string> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
};

/** strconv.UnquoteChar: decodes one (possibly escaped) character of a quoted literal. */
function unquoteChar(s: string, i: number, quote: string): [string, number] {
  const c = s[i];
  if (c === undefined) throw new LiteralError('invalid syntax');
  if (c === quote && (quote === "'" || quote === '"')) throw new LiteralError('invalid syntax');
  if (c !== '\\') {
    const ch = String.fromCodePoint(s.codePointAt(i)!);
    return [ch, i + ch.length];
  }
  const e = s[i + 1];
  if (e === undefined) throw new LiteralError('invalid syntax');
  const simple = SIMPLE_ESCAPES[e];
  if (simple !== undefined) return [simple, i + 2];
  const hexDigits = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
  if (hexDigits > 0) {
    const h = s.slice(i + 2, i + 2 + hexDigits);
    if (h.length !== hexDigits || !/^[0-9a-fA-F]+$/.test(h)) throw new LiteralError('invalid syntax');
    const cp = parseInt(h, 16);
    if (e !== 'x' && (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))) throw new LiteralError('invalid syntax');
    return [String.fromCodePoint(cp), i + 2 + hexDigits];
  }
  if (e >= '0' && e <= '7') {
    const o = s.slice(i + 1, i + 4);
    if (!/^[0-7]{3}$/.test(o) || parseInt(o, 8) > 255) throw new LiteralError('invalid syntax');
    return [String.fromCharCode(parseInt(o, 8)), i + 4];
  }
  if (e === quote) return [e, i + 2];
  throw new LiteralError('invalid syntax');
}

/** strconv.Unquote for the string tokens of a template. */
export function unquote(quoted: string): string {
  const q = quoted[0];
  if (q === '`') return quoted.slice(1, -1).replace(/\r/g, '');
  let out = '';
  let i = 1;
  while (i < quoted.length - 1) {
    const [ch, next] = unquoteChar(quoted, i, q ?? '"');
    out += ch;
    i = next;
  }
  return out;
}

/** Go's underscoreOK: `_` only between digits (or after a base prefix). */
function underscoreOK(s: string): boolean {
  let saw = '^';
  let i = 0;
  if (s[0] === '-' || s[0] === '+') s = s.slice(1);
  let hex = false;
  if (s.length >= 2 && s[0] === '0' && 'bBoOxX'.includes(s[1]!)) {
    i = 2;
    saw = '0';
    hex = s[1] === 'x' || s[1] === 'X';
  }
  for (; i < s.length; i++) {
    const c = s[i]!;
    if ((c >= '0' && c <= '9') || (hex && /[a-fA-F]/.test(c))) saw = '0';
    else if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
    } else {
      if (saw === '_') return false;
      saw = '!';
    }
  }
  return saw !== '_';
}

/** strconv.ParseInt/ParseUint with base 0; undefined when the text is not such an integer. */
function parseInteger(text: string, signed: boolean): bigint | undefined {
  let s = text;
  let neg = false;
  if (s[0] === '+' || s[0] === '-') {
    if (!signed) return undefined;
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s.includes('_')) {
    if (!underscoreOK(s)) return undefined;
    s = s.replace(/_/g, '');
  }
  let digits = s;
  let valid = /^[0-9]+$/;
  let prefix = '';
  if (/^0[xX]/.test(s)) [prefix, digits, valid] = ['0x', s.slice(2), /^[0-9a-fA-F]+$/];
  else if (/^0[oO]/.test(s)) [prefix, digits, valid] = ['0o', s.slice(2), /^[0-7]+$/];
  else if (/^0[bB]/.test(s)) [prefix, digits, valid] = ['0b', s.slice(2), /^[01]+$/];
  else if (/^0./.test(s)) [prefix, digits, valid] = ['0o', s.slice(1), /^[0-7]+$/];
  if (!valid.test(digits)) return undefined;
  let v = BigInt(prefix + digits);
  if (neg) v = -v;
  if (signed ? v < -(1n << 63n) || v >= 1n << 63n : v >= 1n << 64n) return undefined;
  return v;
}

/** strconv.ParseFloat for decimal and hex floats; undefined on syntax error or overflow. */
export function parseGoFloat(text: string): number | undefined {
  let s = text;
  if (s.includes('_')) {
    if (!underscoreOK(s)) return undefined;
    s = s.replace(/_/g, '');
  }
  if (/^[+-]?(inf|infinity)$/i.test(s)) return s[0] === '-' ? -Infinity : Infinity;
  if (/^nan$/i.test(s)) return NaN;
  let v: number;
  const hex = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?\d+)$/.exec(s);
  if (hex) {
    const [, sign, int = '', frac = ''] = hex;
    if (int + frac === '') return undefined;
    const mant = BigInt('0x' + (int + frac || '0'));
    v = Number(mant) * 2 ** (Number(hex[4]) - 4 * frac.length);
    if (sign === '-') v = -v;
  } else if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) v = Number(s);
  else return undefined;
  return Number.isFinite(v) ? v : undefined;
}

type NumberFields = Omit<NumberNode, 'type' | 'pos' | 'from' | 'to' | 'text'>;

const blank = (): NumberFields => ({
  isInt: false,
  isUint: false,
  isFloat: false,
  isComplex: false,
  int64: 0n,
  uint64: 0n,
  float64: 0,
  complex: { re: 0, im: 0 },
});

/** A complex constant with zero imaginary part also counts as float (and int if integral). */
function simplifyComplex(n: NumberFields): void {
  if (n.complex.im !== 0) return;
  n.isFloat = true;
  n.float64 = n.complex.re;
  if (Number.isInteger(n.float64) && Math.abs(n.float64) < 2 ** 63) {
    n.isInt = true;
    n.int64 = BigInt(n.float64);
  }
  if (Number.isInteger(n.float64) && n.float64 >= 0 && n.float64 < 2 ** 64) {
    n.isUint = true;
    n.uint64 = BigInt(n.float64);
  }
}

/** text/template's newNumber: classifies a number, char or complex token. */
export function parseNumber(text: string, kind: 'number' | 'charConstant' | 'complex'): NumberFields {
  const n = blank();
  if (kind === 'charConstant') {
    let ch: string;
    let next: number;
    try {
      [ch, next] = unquoteChar(text, 1, "'");
    } catch {
      throw new LiteralError('invalid syntax');
    }
    if (text.slice(next) !== "'") throw new LiteralError(`malformed character constant: ${text}`);
    const cp = ch.codePointAt(0) ?? 0;
    return { ...n, isInt: true, isUint: true, isFloat: true, int64: BigInt(cp), uint64: BigInt(cp), float64: cp };
  }
  if (kind === 'complex') {
    const m = /^(.+?)([+-][^+-]*)i$/.exec(text);
    const re = m ? parseGoFloat(m[1]!) : undefined;
    const im = m ? parseGoFloat(m[2]!) : undefined;
    if (re === undefined || im === undefined) throw new LiteralError('expected integer');
    n.isComplex = true;
    n.complex = { re, im };
    simplifyComplex(n);
    return n;
  }
  if (text.endsWith('i')) {
    const im = parseGoFloat(text.slice(0, -1));
    if (im !== undefined) {
      n.isComplex = true;
      n.complex = { re: 0, im };
      simplifyComplex(n);
      return n;
    }
  }
  const u = parseInteger(text, false);
  if (u !== undefined) {
    n.isUint = true;
    n.uint64 = u;
  }
  const i = parseInteger(text, true);
  if (i !== undefined) {
    n.isInt = true;
    n.int64 = i;
    if (i === 0n) {
      n.isUint = true;
      n.uint64 = 0n;
    }
  }
  if (n.isInt) {
    n.isFloat = true;
    n.float64 = Number(n.int64);
  } else if (n.isUint) {
    n.isFloat = true;
    n.float64 = Number(n.uint64);
  } else {
    const f = parseGoFloat(text);
    if (f !== undefined) {
      if (!/[.eEpP]/.test(text)) throw new LiteralError(`integer overflow: ${JSON.stringify(text)}`);
      n.isFloat = true;
      n.float64 = f;
      if (Number.isInteger(f) && Math.abs(f) < 2 ** 63) {
        n.isInt = true;
        n.int64 = BigInt(f);
      }
      if (Number.isInteger(f) && f >= 0 && f < 2 ** 64) {
        n.isUint = true;
        n.uint64 = BigInt(f);
      }
    }
  }
  if (!n.isInt && !n.isUint && !n.isFloat) throw new LiteralError(`illegal number syntax: ${JSON.stringify(text)}`);
  return n;
}
