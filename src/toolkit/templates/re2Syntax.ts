/**
 * Translates Go RE2 syntax into equivalent JS RegExp source (with the `u` flag), reporting
 * syntax errors in Go's words (`error parsing regexp: missing closing ): \`(\``).
 *
 * Go's `\d \s \w` and POSIX classes are ASCII-only, `.` excludes only `\n`, `^`/`$` ignore
 * `\r`, flags can be scoped (`(?i:...)`) and groups are named `(?P<n>...)`: everything is
 * spelled out explicitly so that JS's different defaults never apply. Every group becomes a
 * plain numbered group; names are returned on the side.
 */

export class GoRegexpError extends Error {}

type Range = [number, number];

const MAX_RUNE = 0x10ffff;
const cpEsc = (cp: number) => `\\u{${cp.toString(16)}}`;
const RANGES = (spec: string): Range[] =>
  spec.split(' ').map((r) => {
    const [a, b] = r.split('-').map((h) => parseInt(h, 16));
    return [a!, b ?? a!];
  });

const PERL: Record<string, Range[]> = {
  d: RANGES('30-39'),
  s: RANGES('9-a c-d 20'),
  w: RANGES('30-39 41-5a 5f 61-7a'),
};

const POSIX: Record<string, Range[]> = {
  alnum: RANGES('30-39 41-5a 61-7a'),
  alpha: RANGES('41-5a 61-7a'),
  ascii: RANGES('0-7f'),
  blank: RANGES('9 20'),
  cntrl: RANGES('0-1f 7f'),
  digit: RANGES('30-39'),
  graph: RANGES('21-7e'),
  lower: RANGES('61-7a'),
  print: RANGES('20-7e'),
  punct: RANGES('21-2f 3a-40 5b-60 7b-7e'),
  space: RANGES('9-d 20'),
  upper: RANGES('41-5a'),
  word: RANGES('30-39 41-5a 5f 61-7a'),
  xdigit: RANGES('30-39 41-46 61-66'),
};

function negate(ranges: Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: Range[] = [];
  let next = 0;
  for (const [lo, hi] of sorted) {
    if (lo > next) out.push([next, lo - 1]);
    next = Math.max(next, hi + 1);
  }
  if (next <= MAX_RUNE) out.push([next, MAX_RUNE]);
  return out;
}

const GENERAL_CATEGORIES = new Set(
  'C Cc Cf Co Cs L Ll Lm Lo Lt Lu M Mc Me Mn N Nd Nl No P Pc Pd Pe Pf Pi Po Ps S Sc Sk Sm So Z Zl Zp Zs'.split(' '),
);

/** Go's \p{Name}: general categories, scripts and "Any" map onto JS property escapes. */
function unicodeClass(name: string, negated: boolean): string {
  let jsName = name === 'Any' ? 'Any' : GENERAL_CATEGORIES.has(name) ? name : `Script=${name}`;
  try {
    new RegExp(`\\p{${jsName}}`, 'u');
  } catch {
    jsName = '';
  }
  if (!jsName) throw new Error('bad class');
  return `\\${negated ? 'P' : 'p'}{${jsName}}`;
}

const isAlnum = (c: string) => /^[0-9A-Za-z]$/.test(c);

function otherCases(cp: number): number[] {
  const ch = String.fromCodePoint(cp);
  const out = new Set<number>();
  for (const v of [ch.toLowerCase(), ch.toUpperCase()]) {
    if ([...v].length === 1 && v !== ch) out.add(v.codePointAt(0)!);
  }
  return [...out];
}

interface Flags {
  i: boolean;
  m: boolean;
  s: boolean;
  U: boolean;
}

class Translator {
  private pos = 0;
  names: string[] = [''];
  /** Whether case-insensitivity was only ever switched on for the whole pattern. */
  private readonly globalI: boolean;

  constructor(private readonly src: string) {
    this.globalI = /^\(\?i\)/.test(src) && !/\(\?[a-zA-Z-]*[:)]/.test(src.slice(4));
  }

  private fail(code: string, expr: string): never {
    throw new GoRegexpError(`error parsing regexp: ${code}: \`${expr}\``);
  }

  translate(): { source: string; ignoreCase: boolean } {
    const flags: Flags = { i: false, m: false, s: false, U: false };
    if (this.globalI) this.pos = 4;
    const source = this.alternation(flags, 0);
    if (this.pos < this.src.length) this.fail('unexpected )', this.src);
    return { source, ignoreCase: this.globalI };
  }

  private peekCp(): string | undefined {
    if (this.pos >= this.src.length) return undefined;
    return String.fromCodePoint(this.src.codePointAt(this.pos)!);
  }

  /** Parses until ')' (depth > 0) or end of input; flags set by `(?i)` last to the group end. */
  private alternation(outer: Flags, depth: number): string {
    const flags = { ...outer };
    let out = '';
    // What a repetition operator would apply to, and the text of the last repetition.
    let canRepeat = false;
    let lastRepeatStart = -1;
    while (this.pos < this.src.length) {
      const start = this.pos;
      const c = this.peekCp()!;
      if (c === ')') {
        if (depth === 0) this.fail('unexpected )', this.src);
        return out;
      }
      if (c === '|') {
        this.pos++;
        out += '|';
        canRepeat = false;
        lastRepeatStart = -1;
        continue;
      }
      if (c === '*' || c === '+' || c === '?' || (c === '{' && this.repeatAhead())) {
        const op = c === '{' ? this.readRepeat() : (this.pos++, c);
        let lazy = false;
        if (this.src[this.pos] === '?') {
          this.pos++;
          lazy = true;
        }
        if (lastRepeatStart >= 0) this.fail('invalid nested repetition operator', this.src.slice(lastRepeatStart, this.pos));
        if (!canRepeat) this.fail('missing argument to repetition operator', this.src.slice(start, this.pos));
        out += op + (lazy !== flags.U ? '?' : '');
        lastRepeatStart = start;
        continue;
      }
      lastRepeatStart = -1;
      canRepeat = true;
      if (c === '(') {
        const g = this.group(flags, depth);
        out += g;
        // A bare flag group like (?i) leaves nothing to repeat.
        if (g === '') canRepeat = false;
        continue;
      }
      this.pos += c.length;
      if (c === '[') out += this.charClass(flags, start);
      else if (c === '.') out += flags.s ? '[\\s\\S]' : '[^\\n]';
      // Assertions are wrapped so that Go's (legal) repetition of them stays legal in JS.
      else if (c === '^') out += flags.m ? '(?:(?<![^\\n]))' : '(?:(?<![\\s\\S]))';
      else if (c === '$') out += flags.m ? '(?:(?![^\\n]))' : '(?:(?![\\s\\S]))';
      else if (c === '\\') out += this.escape(flags, start);
      else out += this.literal(c.codePointAt(0)!, flags);
    }
    if (depth > 0) this.fail('missing closing )', this.src);
    return out;
  }

  private group(flags: Flags, depth: number): string {
    const start = this.pos;
    this.pos++;
    if (this.src[this.pos] !== '?') {
      this.names.push('');
      return this.closeGroup('(', flags, depth);
    }
    const rest = this.src.slice(this.pos);
    const named = /^\?P<([^>]*)>/.exec(rest);
    if (rest.startsWith('?P<')) {
      const end = rest.indexOf('>');
      if (!named || end < 0 || !/^[A-Za-z0-9_]+$/.test(named[1]!)) {
        this.fail('invalid named capture', this.src.slice(start, end < 0 ? this.src.length : this.pos + end + 1));
      }
      this.pos += named[0].length;
      this.names.push(named[1]!);
      return this.closeGroup('(', flags, depth);
    }
    // Flag groups: (?flags) changes the enclosing group, (?flags:re) only re.
    const next = { ...flags };
    let sign = true;
    let sawFlag = false;
    for (let i = this.pos + 1; i < this.src.length; i++) {
      const c = this.src[i]!;
      if (c === 'i' || c === 'm' || c === 's' || c === 'U') {
        next[c] = sign;
        sawFlag = true;
      } else if (c === '-' && sign) {
        sign = false;
        sawFlag = false;
      } else if ((c === ':' || c === ')') && (sign || sawFlag)) {
        this.pos = i + 1;
        if (c === ')') {
          Object.assign(flags, next);
          return '';
        }
        return this.closeGroup('(?:', next, depth);
      } else {
        this.fail('invalid or unsupported Perl syntax', this.src.slice(start, i + 1));
      }
    }
    this.fail('invalid or unsupported Perl syntax', this.src.slice(start));
  }

  private closeGroup(open: string, flags: Flags, depth: number): string {
    const body = this.alternation(flags, depth + 1);
    if (this.src[this.pos] !== ')') this.fail('missing closing )', this.src);
    this.pos++;
    return `${open}${body})`;
  }

  private repeatAhead(): boolean {
    return /^\{\d+(,\d*)?\}/.test(this.src.slice(this.pos));
  }

  private readRepeat(): string {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.pos))!;
    const min = Number(m[1]);
    const max = m[2] === undefined ? min : m[3] === '' ? -1 : Number(m[3]);
    if (min > 1000 || max > 1000 || (max >= 0 && min > max)) this.fail('invalid repeat count', m[0]);
    this.pos += m[0].length;
    return m[0];
  }

  private literal(cp: number, flags: Flags): string {
    const ch = String.fromCodePoint(cp);
    const text = isAlnum(ch) ? ch : cpEsc(cp);
    if (!flags.i || this.globalI) return text;
    const others = otherCases(cp);
    return others.length ? `[${[cp, ...others].map(cpEsc).join('')}]` : text;
  }

  /** An escape outside a class; `start` is the backslash. */
  private escape(flags: Flags, start: number): string {
    const c = this.peekCp();
    if (c === undefined) this.fail('trailing backslash at end of expression', '');
    switch (c) {
      case 'A':
        this.pos++;
        return '(?:(?<![\\s\\S]))';
      case 'z':
        this.pos++;
        return '(?:(?![\\s\\S]))';
      case 'b':
      case 'B':
        this.pos++;
        return `(?:\\${c})`;
      case 'Q': {
        const end = this.src.indexOf('\\E', this.pos + 1);
        const lit = this.src.slice(this.pos + 1, end < 0 ? undefined : end);
        this.pos = end < 0 ? this.src.length : end + 2;
        return [...lit].map((ch) => this.literal(ch.codePointAt(0)!, flags)).join('');
      }
    }
    const cls = this.classEscape(start);
    if (cls) return `[${cls}]`;
    return this.literal(this.charEscape(start), flags);
  }

  /** \d \s \w (and negations) and \p{..}; returns class-body text or undefined. */
  private classEscape(start: number): string | undefined {
    const c = this.src[this.pos]!;
    const lower = c.toLowerCase();
    if (lower === 'd' || lower === 's' || lower === 'w') {
      this.pos++;
      const ranges = PERL[lower]!;
      return rangesToClass(c === lower ? ranges : negate(ranges));
    }
    if (c === 'p' || c === 'P') {
      let name: string;
      const brace = this.src[this.pos + 1] === '{';
      if (brace) {
        const end = this.src.indexOf('}', this.pos);
        if (end < 0) this.fail('invalid character class range', this.src.slice(start));
        name = this.src.slice(this.pos + 2, end);
        this.pos = end + 1;
      } else {
        const ch = this.src.codePointAt(this.pos + 1);
        if (ch === undefined) this.fail('invalid character class range', this.src.slice(start));
        name = String.fromCodePoint(ch);
        this.pos += 1 + name.length;
      }
      let negated = c === 'P';
      if (name.startsWith('^')) {
        negated = !negated;
        name = name.slice(1);
      }
      try {
        return unicodeClass(name, negated);
      } catch {
        this.fail('invalid character class range', this.src.slice(start, this.pos));
      }
    }
    return undefined;
  }

  /** A single-character escape: \n, \x41, \x{263a}, \101, \. ... */
  private charEscape(start: number): number {
    const c = this.peekCp()!;
    this.pos += c.length;
    const simple: Record<string, number> = { a: 7, f: 12, t: 9, n: 10, r: 13, v: 11 };
    if (c in simple) return simple[c]!;
    if (c >= '1' && c <= '7' && !/[0-7]/.test(this.src[this.pos] ?? '')) {
      this.fail('invalid escape sequence', this.src.slice(start, this.pos));
    }
    if (c >= '0' && c <= '7') {
      let digits = c;
      while (digits.length < 3 && /[0-7]/.test(this.src[this.pos] ?? '')) digits += this.src[this.pos++];
      return parseInt(digits, 8);
    }
    if (c === 'x') {
      if (this.src[this.pos] === '{') {
        const end = this.src.indexOf('}', this.pos);
        const hex = end < 0 ? '' : this.src.slice(this.pos + 1, end);
        if (!/^[0-9a-fA-F]+$/.test(hex) || parseInt(hex, 16) > MAX_RUNE) {
          this.pos = end < 0 ? this.src.length : end + 1;
          this.fail('invalid escape sequence', this.src.slice(start, this.pos));
        }
        this.pos = end + 1;
        return parseInt(hex, 16);
      }
      const hex = this.src.slice(this.pos, this.pos + 2);
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) {
        this.pos = Math.min(this.src.length, this.pos + 2);
        this.fail('invalid escape sequence', this.src.slice(start, this.pos));
      }
      this.pos += 2;
      return parseInt(hex, 16);
    }
    if ((c.codePointAt(0) ?? 0) < 0x80 && !isAlnum(c)) return c.codePointAt(0)!;
    this.fail('invalid escape sequence', this.src.slice(start, this.pos));
  }

  /** `[...]`; `start` is the '['. */
  private charClass(flags: Flags, start: number): string {
    const whole = this.src.slice(start);
    let negated = false;
    if (this.src[this.pos] === '^') {
      negated = true;
      this.pos++;
    }
    const ranges: Range[] = [];
    const extra: string[] = [];
    let first = true;
    while (this.pos < this.src.length && (this.src[this.pos] !== ']' || first)) {
      // A leading ']' or '-' is literal, as in Go.
      const itemStart = this.pos;
      first = false;
      const posix = /^\[:(\^?)([a-z]+):\]/.exec(this.src.slice(this.pos));
      if (posix) {
        const set = POSIX[posix[2]!];
        if (!set) this.fail('invalid character class range', posix[0]);
        ranges.push(...(posix[1] ? negate(set) : set));
        this.pos += posix[0].length;
        continue;
      }
      if (this.src[this.pos] === '\\') {
        this.pos++;
        if (this.pos >= this.src.length) this.fail('missing closing ]', whole);
        const cls = this.classEscape(itemStart);
        if (cls) {
          extra.push(cls);
          continue;
        }
        this.pos = itemStart;
      }
      const lo = this.classChar();
      let hi = lo;
      if (this.src[this.pos] === '-' && this.src[this.pos + 1] !== ']' && this.pos + 1 < this.src.length) {
        this.pos++;
        hi = this.classChar();
        if (hi < lo) this.fail('invalid character class range', this.src.slice(itemStart, this.pos));
      }
      ranges.push([lo, hi]);
    }
    if (this.pos >= this.src.length) this.fail('missing closing ]', whole);
    this.pos++;
    if (flags.i && !this.globalI) {
      for (const [lo, hi] of [...ranges]) {
        for (let cp = lo; cp <= Math.min(hi, lo + 512); cp++) for (const o of otherCases(cp)) ranges.push([o, o]);
      }
    }
    if (negated && extra.length === 0) return `[^${rangesToClass(ranges)}]`;
    const body = rangesToClass(ranges) + extra.join('');
    return negated ? `[^${body}]` : `[${body}]`;
  }

  private classChar(): number {
    if (this.src[this.pos] === '\\') {
      const start = this.pos;
      this.pos++;
      return this.charEscape(start);
    }
    const cp = this.src.codePointAt(this.pos)!;
    this.pos += String.fromCodePoint(cp).length;
    return cp;
  }
}

function rangesToClass(ranges: Range[]): string {
  return ranges.map(([lo, hi]) => (lo === hi ? cpEsc(lo) : `${cpEsc(lo)}-${cpEsc(hi)}`)).join('');
}

/** Translates an RE2 pattern; throws GoRegexpError on a syntax error. */
export function translateRe2(pattern: string): { source: string; ignoreCase: boolean; names: string[] } {
  const t = new Translator(pattern);
  const { source, ignoreCase } = t.translate();
  return { source, ignoreCase, names: t.names };
}
