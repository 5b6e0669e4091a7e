import { RegexpSyntaxError } from './errors.js';
import { MAX_RUNE } from './tables.js';

/**
 * A position in a pattern, read the way Go's parser reads it: by code point, failing with
 * Go's error code and the quoted fragment Go would quote.
 */
export class Scanner {
  pos = 0;

  constructor(readonly src: string) {}

  fail(code: string, expr: string): never {
    throw new RegexpSyntaxError(code, expr);
  }

  /** The code point at `at` and its width in UTF-16 units (0 at the end, like Go's nextRune). */
  runeAt(at: number): { cp: number; width: number } {
    const cp = this.src.codePointAt(at);
    if (cp === undefined) return { cp: 0xfffd, width: 0 };
    return { cp, width: cp > 0xffff ? 2 : 1 };
  }

  /** Go's parseEscape: one escaped character, with its error reporting. */
  escape(): number {
    const start = this.pos;
    if (start + 1 >= this.src.length) this.fail('trailing backslash at end of expression', '');
    let at = start + 1;
    const first = this.runeAt(at);
    at += first.width;
    const c = String.fromCodePoint(first.cp);
    const bad = (): never => this.fail('invalid escape sequence', this.src.slice(start, at));
    const done = (cp: number) => {
      this.pos = at;
      return cp;
    };
    if (first.cp < 0x80 && !isAlnumAscii(first.cp)) return done(first.cp);
    // A single non-zero digit would be a backreference, which RE2 does not have.
    if (c >= '1' && c <= '7' && !isOctal(this.src[at])) bad();
    if (c >= '0' && c <= '7') {
      let value = Number(c);
      for (let n = 1; n < 3 && isOctal(this.src[at]); n++) value = value * 8 + Number(this.src[at++]);
      return done(value);
    }
    const simple: Record<string, number> = { a: 7, f: 12, n: 10, r: 13, t: 9, v: 11 };
    if (Object.hasOwn(simple, c)) return done(simple[c]!);
    if (c !== 'x' || at >= this.src.length) bad();
    const h = this.runeAt(at);
    at += h.width;
    if (h.cp === 0x7b) {
      let value = 0;
      let digits = 0;
      for (;;) {
        if (at >= this.src.length) bad();
        const d = this.runeAt(at);
        at += d.width;
        if (d.cp === 0x7d) break;
        const v = unhex(String.fromCodePoint(d.cp));
        if (v < 0) bad();
        value = value * 16 + v;
        if (value > MAX_RUNE) bad();
        digits++;
      }
      if (digits === 0) bad();
      return done(value);
    }
    const y = this.runeAt(at);
    at += y.width;
    const hi = unhex(String.fromCodePoint(h.cp));
    const lo = y.width ? unhex(String.fromCodePoint(y.cp)) : -1;
    if (hi < 0 || lo < 0) bad();
    return done(hi * 16 + lo);
  }
}

const isOctal = (c: string | undefined) => c !== undefined && c >= '0' && c <= '7';
const isAlnumAscii = (cp: number) => (cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a);

function unhex(c: string | undefined): number {
  return c !== undefined && /^[0-9a-fA-F]$/.test(c) ? parseInt(c, 16) : -1;
}
