/**
 * Go's fmt.Sprintf / Sprint / Sprintln over template values, including fmt's error notation
 * (`%!d(float64=1.5)`, `%!s(MISSING)`, `%!(EXTRA int=2)`), which is what Prometheus renders
 * when a template passes the wrong argument to `printf`.
 */
import { fmtFloat, fmtInteger, noFlags, pad, padding, type FmtFlags } from './goFormat.js';
import { canBackquote, goCompare, goQuote, goQuoteRune, isPrint, utf8Bytes } from './goStrings.js';
import { formatTime, timeStructFields } from './goTime.js';
import { ALERT_DATA_TYPE, typeName, type GoValue } from './values.js';

class Printer {
  out = '';
  f: FmtFlags = noFlags();

  private badVerb(verb: string, arg: GoValue): void {
    this.out += '%!' + verb + '(';
    if (arg.kind === 'nil' || arg.kind === 'invalid') this.out += '<nil>';
    else {
      this.out += typeName(arg) + '=';
      this.printArg(arg, 'v');
    }
    this.out += ')';
  }

  printArg(arg: GoValue, verb: string, depth = 0): void {
    const f = this.f;
    if (arg.kind === 'nil' || arg.kind === 'invalid') {
      if (verb === 'T' || verb === 'v') this.out += pad(f, '<nil>');
      else this.badVerb(verb, arg);
      return;
    }
    if (verb === 'T') {
      this.out += pad(f, typeName(arg));
      return;
    }
    switch (arg.kind) {
      case 'bool':
        if (verb === 't' || verb === 'v') this.out += pad(f, String(arg.value));
        else this.badVerb(verb, arg);
        return;
      case 'float64':
        return this.printFloat(arg, arg.value, verb);
      case 'complex128':
        if (!'vbgGxXfFeE'.includes(verb)) return this.badVerb(verb, arg);
        this.out += '(';
        this.printFloat(arg, arg.re, verb);
        this.f = { ...f, plus: true };
        this.printFloat(arg, arg.im, verb);
        this.f = f;
        this.out += 'i)';
        return;
      case 'int':
        return this.printInteger(arg, arg.value, true, verb);
      case 'uint8':
        return this.printInteger(arg, BigInt(arg.value), false, verb);
      case 'string':
        return this.printString(arg, arg.value, verb);
      case 'named':
      case 'time': {
        // Stringers print through String() for the string-ish verbs only.
        const text = arg.kind === 'named' ? arg.name : formatTime(arg.unixNano);
        if ('vsxXq'.includes(verb)) return this.printString(arg, text, verb);
        if (arg.kind === 'named') return this.printInteger(arg, BigInt(arg.value), true, verb);
        this.out += '&{';
        timeStructFields(arg.unixNano).forEach((n, i) => {
          if (i > 0) this.out += ' ';
          this.printInteger(arg, n, n < 0n, verb);
        });
        this.out += '}';
        return;
      }
      case 'stringMap':
      case 'anyMap':
        return this.printMap(arg, verb, depth);
      case 'alertData':
        return this.printAlertData(arg, verb, depth);
    }
  }

  private printFloat(arg: GoValue, v: number, verb: string): void {
    const f = this.f;
    if (verb === 'v') this.out += fmtFloat(f, v, 'g', -1);
    else if ('bgGxX'.includes(verb)) this.out += f.sharpV ? fmtFloat(f, v, 'g', -1) : fmtFloat(f, v, verb, -1);
    else if ('feEF'.includes(verb)) this.out += fmtFloat(f, v, verb, 6);
    else this.badVerb(verb, arg);
  }

  private printInteger(arg: GoValue, v: bigint, signed: boolean, verb: string): void {
    const f = this.f;
    switch (verb) {
      case 'v':
        if (f.sharpV && !signed) this.out += fmtInteger({ ...f, sharp: true }, v, 16, verb);
        else this.out += fmtInteger(f, v, 10, verb);
        return;
      case 'd':
        this.out += fmtInteger(f, v, 10, verb);
        return;
      case 'b':
        this.out += fmtInteger(f, v, 2, verb);
        return;
      case 'o':
      case 'O':
        this.out += fmtInteger(f, v, 8, verb);
        return;
      case 'x':
      case 'X':
        this.out += fmtInteger(f, v, 16, verb, verb === 'X');
        return;
      case 'c':
        this.out += pad(f, String.fromCodePoint(validRune(v)));
        return;
      case 'q':
        this.out += pad(f, goQuoteRune(validRune(v), f.plus));
        return;
      case 'U': {
        const digits = Math.max(4, f.prec ?? 0);
        // fmt sees the bits of the integer as a uint64.
        let s = 'U+' + BigInt.asUintN(64, v).toString(16).toUpperCase().padStart(digits, '0');
        const ch = String.fromCodePoint(validRune(v));
        if (f.sharp && v >= 0n && v <= 0x10ffffn && isPrint(ch)) s += ` '${ch}'`;
        this.out += pad({ ...f, zero: false }, s);
        return;
      }
      default:
        this.badVerb(verb, arg);
    }
  }

  private printString(arg: GoValue, s: string, verb: string): void {
    const f = this.f;
    const truncated = f.prec === undefined ? s : [...s].slice(0, f.prec).join('');
    switch (verb) {
      case 'v':
        this.out += f.sharpV ? this.quoted(truncated) : pad(f, truncated);
        return;
      case 's':
        this.out += pad(f, truncated);
        return;
      case 'q':
        this.out += this.quoted(truncated);
        return;
      case 'x':
      case 'X':
        this.out += hexBytes(f, s, verb === 'X');
        return;
      default:
        this.badVerb(verb, arg);
    }
  }

  private quoted(s: string): string {
    if (this.f.sharp && canBackquote(s)) return pad(this.f, '`' + s + '`');
    return pad(this.f, goQuote(s, this.f.plus));
  }

  private printMap(arg: GoValue & { kind: 'stringMap' | 'anyMap' }, verb: string, depth: number): void {
    const entries: [string, GoValue][] =
      arg.kind === 'stringMap'
        ? Object.entries(arg.value).map(([k, v]) => [k, { kind: 'string', value: v }])
        : [...arg.value.entries()];
    entries.sort(([a], [b]) => goCompare(a, b));
    const sharpV = this.f.sharpV;
    this.out += sharpV ? typeName(arg) + '{' : 'map[';
    entries.forEach(([k, v], i) => {
      if (i > 0) this.out += sharpV ? ', ' : ' ';
      this.printArg({ kind: 'string', value: k }, verb, depth + 1);
      this.out += ':';
      this.printArg(v, verb, depth + 1);
    });
    this.out += sharpV ? '}' : ']';
  }

  private printAlertData(arg: GoValue & { kind: 'alertData' }, verb: string, depth: number): void {
    const d = arg.data;
    const fields: [string, GoValue][] = [
      ['Labels', { kind: 'stringMap', value: d.labels }],
      ['ExternalLabels', { kind: 'stringMap', value: d.externalLabels }],
      ['ExternalURL', { kind: 'string', value: d.externalURL }],
      ['Value', { kind: 'float64', value: d.value }],
    ];
    const { sharpV, plusV } = this.f;
    if (sharpV) this.out += ALERT_DATA_TYPE;
    this.out += '{';
    fields.forEach(([name, v], i) => {
      if (i > 0) this.out += sharpV ? ', ' : ' ';
      if (plusV || sharpV) this.out += name + ':';
      this.printArg(v, verb, depth + 1);
    });
    this.out += '}';
  }

  /** fmt's doPrintf: flags, [n] argument indexes, * widths, and the error notations. */
  doPrintf(format: string, args: GoValue[]): void {
    const end = format.length;
    let argNum = 0;
    let afterIndex = false;
    let reordered = false;
    let goodArgNum = true;

    /** Parses an explicit `[n]` argument index at i, as fmt's argNumber does. */
    const argNumber = (i: number): number => {
      afterIndex = false;
      if (i >= end || format[i] !== '[') return i;
      reordered = true;
      let index = -1;
      let ok = false;
      let width = 1;
      const close = end - i >= 3 ? format.indexOf(']', i + 1) : -1;
      if (close >= 0) {
        width = close - i + 1;
        const [n, isnum, next] = parsenum(format, i + 1, close);
        if (isnum && next === close) {
          index = n - 1;
          ok = true;
        }
      }
      if (ok && index >= 0 && index < args.length) {
        argNum = index;
        afterIndex = true;
        return i + width;
      }
      goodArgNum = false;
      afterIndex = ok;
      return i + width;
    };

    const intFromArg = (): number | undefined => {
      if (argNum >= args.length) return undefined;
      const a = args[argNum++];
      if (!a || (a.kind !== 'int' && a.kind !== 'uint8')) return undefined;
      const n = Number(a.value);
      return Math.abs(n) > 1e6 ? undefined : n;
    };

    for (let i = 0; i < end; ) {
      goodArgNum = true;
      const pct = format.indexOf('%', i);
      if (pct < 0) {
        this.out += format.slice(i);
        break;
      }
      this.out += format.slice(i, pct);
      i = pct + 1;
      const f = noFlags();
      this.f = f;
      flags: for (; i < end; i++) {
        switch (format[i]) {
          case '#':
            f.sharp = true;
            break;
          case '0':
            f.zero = !f.minus;
            break;
          case '+':
            f.plus = true;
            break;
          case '-':
            f.minus = true;
            f.zero = false;
            break;
          case ' ':
            f.space = true;
            break;
          default:
            break flags;
        }
      }
      i = argNumber(i);
      if (i < end && format[i] === '*') {
        i++;
        const w = intFromArg();
        if (w === undefined) this.out += '%!(BADWIDTH)';
        else {
          f.wid = Math.abs(w);
          if (w < 0) {
            f.minus = true;
            f.zero = false;
          }
        }
        afterIndex = false;
      } else {
        const [w, ok, next] = parsenum(format, i, end);
        i = next;
        if (ok) f.wid = w;
        if (afterIndex && ok) goodArgNum = false;
      }
      if (i + 1 < end && format[i] === '.') {
        i++;
        if (afterIndex) goodArgNum = false;
        i = argNumber(i);
        if (i < end && format[i] === '*') {
          i++;
          const p = intFromArg();
          if (p === undefined || p < 0) this.out += '%!(BADPREC)';
          else f.prec = p;
          afterIndex = false;
        } else {
          const [p, ok, next] = parsenum(format, i, end);
          i = next;
          f.prec = ok ? p : 0;
        }
      }
      if (!afterIndex) i = argNumber(i);
      if (i >= end) {
        this.out += '%!(NOVERB)';
        break;
      }
      const cp = format.codePointAt(i) ?? 0;
      const verb = String.fromCodePoint(cp);
      i += verb.length;
      if (verb === '%') {
        this.out += '%';
        continue;
      }
      if (!goodArgNum) {
        this.out += `%!${verb}(BADINDEX)`;
        continue;
      }
      const arg = args[argNum];
      if (arg === undefined) {
        this.out += `%!${verb}(MISSING)`;
        continue;
      }
      if (verb === 'v') {
        f.sharpV = f.sharp;
        f.sharp = false;
        f.plusV = f.plus;
        f.plus = false;
      }
      this.printArg(arg, verb);
      argNum++;
    }
    if (!reordered && argNum < args.length) {
      this.f = noFlags();
      this.out += '%!(EXTRA ';
      args.slice(argNum).forEach((a, k) => {
        if (k > 0) this.out += ', ';
        if (a.kind === 'nil' || a.kind === 'invalid') this.out += '<nil>';
        else {
          this.out += typeName(a) + '=';
          this.printArg(a, 'v');
        }
      });
      this.out += ')';
    }
  }
}

function parsenum(s: string, start: number, end: number): [number, boolean, number] {
  let num = 0;
  let isnum = false;
  let i = start;
  for (; i < end && s[i]! >= '0' && s[i]! <= '9'; i++) {
    if (num > 1e6) return [0, false, end];
    num = num * 10 + (s.charCodeAt(i) - 48);
    isnum = true;
  }
  return [num, isnum, i];
}

function validRune(v: bigint): number {
  return v < 0n || v > 0x10ffffn || (v >= 0xd800n && v <= 0xdfffn) ? 0xfffd : Number(v);
}

/** %x on strings: hex of the UTF-8 bytes, honouring precision, ' ' and '#'. */
function hexBytes(f: FmtFlags, s: string, upper: boolean): string {
  const digits = upper ? '0123456789ABCDEF' : '0123456789abcdef';
  const prefix = upper ? '0X' : '0x';
  let bytes = utf8Bytes(s);
  if (f.prec !== undefined && f.prec < bytes.length) bytes = bytes.slice(0, f.prec);
  if (bytes.length === 0) return padding(f, f.wid ?? 0);
  let out = f.sharp ? prefix : '';
  bytes.forEach((b, i) => {
    if (f.space && i > 0) out += ' ' + (f.sharp ? prefix : '');
    out += digits[b >> 4]! + digits[b & 15]!;
  });
  if (f.wid !== undefined && f.wid > out.length) {
    const fill = (f.zero ? '0' : ' ').repeat(f.wid - out.length);
    return f.minus ? out + fill : fill + out;
  }
  return out;
}

/** fmt.Sprintf over template values. */
export function sprintf(format: string, args: GoValue[]): string {
  const p = new Printer();
  p.doPrintf(format, args);
  return p.out;
}

/** fmt.Sprint: a space goes between operands when neither is a string. */
export function sprint(args: GoValue[]): string {
  const p = new Printer();
  let prevString = false;
  args.forEach((a, i) => {
    const isString = a.kind === 'string';
    if (i > 0 && !isString && !prevString) p.out += ' ';
    p.f = noFlags();
    p.printArg(a, 'v');
    prevString = isString;
  });
  return p.out;
}

/** fmt.Sprintln: always a space between operands, and a trailing newline. */
export function sprintln(args: GoValue[]): string {
  const p = new Printer();
  args.forEach((a, i) => {
    if (i > 0) p.out += ' ';
    p.f = noFlags();
    p.printArg(a, 'v');
  });
  return p.out + '\n';
}

/** Converts plain JS values to the Go value a Prometheus template would see. */
export function toGoValue(value: unknown): GoValue {
  if (value === null || value === undefined) return { kind: 'nil' };
  if (typeof value === 'number') return { kind: 'float64', value };
  if (typeof value === 'bigint') return { kind: 'int', value, type: 'int' };
  if (typeof value === 'string') return { kind: 'string', value };
  if (typeof value === 'boolean') return { kind: 'bool', value };
  if (value instanceof Date) return { kind: 'time', unixNano: BigInt(value.getTime()) * 1_000_000n };
  if (typeof value === 'object' && 'kind' in value) return value as GoValue;
  return { kind: 'stringMap', value: Object.fromEntries(Object.entries(value).map(([k, v]) => [k, String(v)])) };
}

/**
 * Formats one value with a Go fmt format, as `printf` in a Prometheus template would.
 * JS numbers are float64, bigints are int, strings, booleans and null map to their Go kinds.
 *
 * @example formatGo('%.2f', 0.125) === '0.12'
 * @example formatGo('%v', 1234567) === '1.234567e+06'
 */
export function formatGo(format: string, value: unknown): string {
  return sprintf(format, [toGoValue(value)]);
}
