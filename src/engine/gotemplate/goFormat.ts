/**
 * Go's number formatting (strconv.FormatFloat and the number paths of package fmt), bit for bit.
 *
 * JS and Go disagree on more than it seems: `toFixed` rounds exact ties away from zero while Go
 * rounds the exact binary value half-to-even (`%.2f` of 0.125 is `0.12` in Go), Go's `%v`
 * switches to exponent form at 1e+06 (`1.234567e+06`) and always writes at least two exponent
 * digits (`1e-07`), and fmt's flags have their own quirks. Rounding here works on the exact
 * decimal expansion of the double (BigInt), which is what Go's slow path computes and what its
 * fast paths are proven to agree with.
 */

/** Decimal digits `d` (no trailing zeros, "" for zero) with the point `dp` places from the left. */
interface Decimal {
  d: string;
  dp: number;
}

interface Float64Parts {
  neg: boolean;
  /** Mantissa including the implicit bit; value = mant * 2^(exp - 52). */
  mant: bigint;
  exp: number;
  special?: 'NaN' | 'Inf';
}

function float64Parts(x: number): Float64Parts {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const neg = bits >> 63n === 1n;
  let exp = Number((bits >> 52n) & 0x7ffn);
  let mant = bits & ((1n << 52n) - 1n);
  if (exp === 0x7ff) return { neg, mant, exp, special: mant === 0n ? 'Inf' : 'NaN' };
  if (exp === 0) exp++;
  else mant |= 1n << 52n;
  return { neg, mant, exp: exp - 1023 };
}

/** The exact decimal expansion of |x| (finite). */
function exactDecimal(x: number): Decimal {
  const { mant, exp } = float64Parts(x);
  if (mant === 0n) return { d: '', dp: 0 };
  const shift = exp - 52;
  let digits: string;
  let dp: number;
  if (shift >= 0) {
    digits = (mant << BigInt(shift)).toString();
    dp = digits.length;
  } else {
    // m / 2^k == m * 5^k / 10^k: every double has a finite decimal expansion.
    digits = (mant * 5n ** BigInt(-shift)).toString();
    dp = digits.length + shift;
  }
  return { d: digits.replace(/0+$/, ''), dp };
}

/** The shortest digits that round-trip; JS and Go both pick the closest such digit string. */
function shortestDecimal(x: number): Decimal {
  if (x === 0) return { d: '', dp: 0 };
  const m = /^(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(Math.abs(x).toExponential());
  if (!m) throw new Error(`unexpected toExponential output for ${x}`);
  const d = ((m[1] ?? '') + (m[2] ?? '')).replace(/0+$/, '');
  return { d, dp: Number(m[3]) + 1 };
}

/** Rounds to `nd` digits the way Go's strconv decimal does: exact ties go to even. */
function roundDecimal(dec: Decimal, nd: number): Decimal {
  const { d, dp } = dec;
  if (nd < 0 || nd >= d.length) return dec;
  const next = d.charCodeAt(nd) - 48;
  const tie = next === 5 && nd + 1 === d.length;
  const up = tie ? nd > 0 && (d.charCodeAt(nd - 1) - 48) % 2 === 1 : next >= 5;
  if (!up) return { d: d.slice(0, nd).replace(/0+$/, ''), dp };
  let i = nd - 1;
  while (i >= 0 && d[i] === '9') i--;
  if (i < 0) return { d: '1', dp: dp + 1 };
  return { d: d.slice(0, i) + String.fromCharCode(d.charCodeAt(i) + 1), dp };
}

function fmtE(neg: boolean, dec: Decimal, prec: number, e: string): string {
  let out = neg ? '-' : '';
  out += dec.d.length ? dec.d[0] : '0';
  if (prec > 0) out += '.' + dec.d.slice(1, prec + 1).padEnd(prec, '0');
  let exp = dec.d.length === 0 ? 0 : dec.dp - 1;
  const sign = exp < 0 ? '-' : '+';
  exp = Math.abs(exp);
  return `${out}${e}${sign}${exp < 10 ? '0' : ''}${exp}`;
}

function fmtF(neg: boolean, dec: Decimal, prec: number): string {
  let out = neg ? '-' : '';
  out += dec.dp > 0 ? dec.d.slice(0, dec.dp).padEnd(dec.dp, '0') : '0';
  if (prec > 0) {
    out += '.';
    for (let i = 1; i <= prec; i++) {
      const j = dec.dp + i - 1;
      out += j >= 0 && j < dec.d.length ? dec.d[j] : '0';
    }
  }
  return out;
}

function fmtB(p: Float64Parts): string {
  const e = p.exp - 52;
  return `${p.neg ? '-' : ''}${p.mant}p${e >= 0 ? '+' : ''}${e}`;
}

/** Hex float: -0x1.yyyp±dd, with Go's half-even rounding of the hex digits. */
function fmtX(p: Float64Parts, prec: number, upper: boolean): string {
  let { mant, exp } = p;
  if (mant === 0n) exp = 0;
  const ONE = 1n << 60n;
  mant <<= 8n;
  while (mant !== 0n && (mant & ONE) === 0n) {
    mant <<= 1n;
    exp--;
  }
  if (prec >= 0 && prec < 15) {
    const shift = BigInt(prec * 4);
    const extra = (mant << shift) & (ONE - 1n);
    mant >>= 60n - shift;
    if ((extra | (mant & 1n)) > 1n << 59n) mant++;
    mant <<= 60n - shift;
    if ((mant & (1n << 61n)) !== 0n) {
      mant >>= 1n;
      exp++;
    }
  }
  const hex = upper ? '0123456789ABCDEF' : '0123456789abcdef';
  const mask = (1n << 64n) - 1n;
  let out = `${p.neg ? '-' : ''}0${upper ? 'X' : 'x'}${(mant >> 60n) & 1n}`;
  mant = (mant << 4n) & mask;
  const digit = () => {
    const c = hex[Number((mant >> 60n) & 15n)];
    mant = (mant << 4n) & mask;
    return c;
  };
  if (prec < 0 && mant !== 0n) {
    out += '.';
    while (mant !== 0n) out += digit();
  } else if (prec > 0) {
    out += '.';
    for (let i = 0; i < prec; i++) out += digit();
  }
  const sign = exp < 0 ? '-' : '+';
  const abs = Math.abs(exp);
  return `${out}${upper ? 'P' : 'p'}${sign}${abs < 10 ? '0' : ''}${abs}`;
}

/**
 * `strconv.FormatFloat(x, fmt, prec, 64)`: fmt is one of e E f g G x X b; prec -1 means
 * "shortest representation that round-trips".
 *
 * @example formatFloat(0.125, 'f', 2) === '0.12'
 */
export function formatFloat(x: number, fmt: string, prec: number): string {
  const parts = float64Parts(x);
  if (parts.special === 'NaN') return 'NaN';
  if (parts.special === 'Inf') return parts.neg ? '-Inf' : '+Inf';
  if (fmt === 'b') return fmtB(parts);
  if (fmt === 'x' || fmt === 'X') return fmtX(parts, prec, fmt === 'X');
  const neg = parts.neg;
  const shortest = prec < 0;
  let dec: Decimal;
  if (shortest) {
    dec = shortestDecimal(x);
    if (fmt === 'e' || fmt === 'E') prec = Math.max(dec.d.length - 1, 0);
    else if (fmt === 'f') prec = Math.max(dec.d.length - dec.dp, 0);
    else prec = dec.d.length;
  } else {
    const exact = exactDecimal(x);
    if (fmt === 'f') dec = roundDecimal(exact, exact.dp + prec);
    else if (fmt === 'e' || fmt === 'E') dec = roundDecimal(exact, prec + 1);
    else {
      if (prec === 0) prec = 1;
      dec = roundDecimal(exact, prec);
    }
  }
  switch (fmt) {
    case 'e':
    case 'E':
      return fmtE(neg, dec, prec, fmt);
    case 'f':
      return fmtF(neg, dec, prec);
    case 'g':
    case 'G': {
      let eprec = prec;
      if (eprec > dec.d.length && dec.d.length >= dec.dp) eprec = dec.d.length;
      if (shortest) eprec = 6;
      const exp = dec.dp - 1;
      if (exp < -4 || exp >= eprec) {
        if (prec > dec.d.length) prec = dec.d.length;
        return fmtE(neg, dec, prec - 1, fmt === 'g' ? 'e' : 'E');
      }
      if (prec > dec.dp) prec = dec.d.length;
      return fmtF(neg, dec, Math.max(prec - dec.dp, 0));
    }
    default:
      return `%${fmt}`;
  }
}

/** The flags of one fmt verb, as Go's fmt package tracks them. */
export interface FmtFlags {
  plus: boolean;
  minus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  plusV: boolean;
  sharpV: boolean;
  wid?: number;
  prec?: number;
}

export const noFlags = (): FmtFlags => ({
  plus: false,
  minus: false,
  sharp: false,
  space: false,
  zero: false,
  plusV: false,
  sharpV: false,
});

const runeCount = (s: string): number => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

export function padding(f: FmtFlags, n: number): string {
  return n > 0 ? (f.zero ? '0' : ' ').repeat(n) : '';
}

/** Pads to the width in runes; zero padding applies to anything, as in Go. */
export function pad(f: FmtFlags, s: string): string {
  if (f.wid === undefined || f.wid === 0) return s;
  const fill = padding(f, f.wid - runeCount(s));
  return f.minus ? s + fill : fill + s;
}

/** fmt's float path: strconv output plus sign, '#', zero-padding and NaN/Inf rules. */
export function fmtFloat(f: FmtFlags, v: number, verb: string, defaultPrec: number): string {
  const prec = f.prec ?? defaultPrec;
  const strconvVerb = verb === 'F' ? 'f' : verb === 'v' ? 'g' : verb;
  const raw = formatFloat(v, strconvVerb, prec);
  let num = raw[0] === '-' || raw[0] === '+' ? raw : '+' + raw;
  if (f.space && num[0] === '+' && !f.plus) num = ' ' + num.slice(1);
  if (num[1] === 'I' || num[1] === 'N') {
    if (num[1] === 'N' && !f.space && !f.plus) num = num.slice(1);
    return pad({ ...f, zero: false }, num);
  }
  if (f.sharp && verb !== 'b') num = sharpFloat(num, verb, prec);
  if (f.plus || num[0] !== '+') {
    if (f.zero && f.wid !== undefined && f.wid > num.length) {
      return num[0] + padding(f, f.wid - num.length) + num.slice(1);
    }
    return pad(f, num);
  }
  return pad(f, num.slice(1));
}

/** '#' keeps the decimal point and (for %g) trailing zeros up to the precision. */
function sharpFloat(num: string, verb: string, prec: number): string {
  let digits = 0;
  if (verb === 'v' || verb === 'g' || verb === 'G' || verb === 'x') digits = prec === -1 ? 6 : prec;
  let tail = '';
  let hasPoint = false;
  let sawNonzero = false;
  for (let i = 1; i < num.length; i++) {
    const c = num[i];
    if (c === '.') {
      hasPoint = true;
      continue;
    }
    if (c === 'p' || c === 'P' || ((c === 'e' || c === 'E') && verb !== 'x' && verb !== 'X')) {
      tail = num.slice(i);
      num = num.slice(0, i);
      break;
    }
    if (c !== '0') sawNonzero = true;
    if (sawNonzero) digits--;
  }
  if (!hasPoint) {
    if (num.length === 2 && num[1] === '0') digits--;
    num += '.';
  }
  if (digits > 0) num += '0'.repeat(digits);
  return num + tail;
}

const LDIGITS = '0123456789abcdefx';
const UDIGITS = '0123456789ABCDEFX';

/** fmt's integer path: precision or zero flag as minimum digits, #-prefixes, sign. */
export function fmtInteger(f: FmtFlags, value: bigint, base: number, verb: string, upper = false): string {
  const digits = upper ? UDIGITS : LDIGITS;
  const negative = value < 0n;
  let u = negative ? -value : value;
  let prec = 0;
  if (f.prec !== undefined) {
    prec = f.prec;
    if (prec === 0 && u === 0n) return padding({ ...f, zero: false }, f.wid ?? 0);
  } else if (f.zero && f.wid !== undefined) {
    prec = f.wid;
    if (negative || f.plus || f.space) prec--;
  }
  let s = '';
  const b = BigInt(base);
  do {
    s = digits[Number(u % b)] + s;
    u /= b;
  } while (u > 0n);
  if (s.length < prec) s = '0'.repeat(prec - s.length) + s;
  if (f.sharp) {
    if (base === 2) s = '0b' + s;
    else if (base === 8 && s[0] !== '0') s = '0' + s;
    else if (base === 16) s = '0' + digits[16] + s;
  }
  if (verb === 'O') s = '0o' + s;
  if (negative) s = '-' + s;
  else if (f.plus) s = '+' + s;
  else if (f.space) s = ' ' + s;
  return pad({ ...f, zero: false }, s);
}
