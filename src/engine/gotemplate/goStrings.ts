/**
 * Go string helpers whose exact output shows up in rendered annotations: strconv quoting,
 * the html/js/urlquery escapers, strings.Title/ToUpper/ToLower. Go works on UTF-8 bytes and
 * simple (one rune to one rune) case mappings, JS on UTF-16 and full case mappings; these
 * functions bridge that.
 */

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

/** unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
export function isPrint(ch: string): boolean {
  return ch === ' ' || PRINTABLE.test(ch);
}

export function utf8Bytes(s: string): Uint8Array {
  return new TextEncoder().encode(s);
}

export function utf8Length(s: string): number {
  return utf8Bytes(s).length;
}

const hex2 = (n: number) => n.toString(16).padStart(2, '0');

function quoteRuneInto(ch: string, quote: string, asciiOnly: boolean): string {
  const cp = ch.codePointAt(0) ?? 0;
  if (ch === quote || ch === '\\') return '\\' + ch;
  if (asciiOnly ? cp < 0x80 && isPrint(ch) : isPrint(ch)) return ch;
  switch (ch) {
    case '\x07':
      return '\\a';
    case '\b':
      return '\\b';
    case '\f':
      return '\\f';
    case '\n':
      return '\\n';
    case '\r':
      return '\\r';
    case '\t':
      return '\\t';
    case '\v':
      return '\\v';
  }
  if (cp < 0x20 || cp === 0x7f) return '\\x' + hex2(cp);
  if (cp >= 0xd800 && cp <= 0xdfff) return '\\ufffd';
  if (cp < 0x10000) return '\\u' + cp.toString(16).padStart(4, '0');
  return '\\U' + cp.toString(16).padStart(8, '0');
}

/** strconv.Quote / strconv.QuoteToASCII. */
export function goQuote(s: string, asciiOnly = false): string {
  let out = '"';
  for (const ch of s) out += quoteRuneInto(ch, '"', asciiOnly);
  return out + '"';
}

/** strconv.QuoteRune / QuoteRuneToASCII; invalid code points print as U+FFFD. */
export function goQuoteRune(cp: number, asciiOnly = false): string {
  const valid = cp >= 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff);
  return `'${quoteRuneInto(String.fromCodePoint(valid ? cp : 0xfffd), "'", asciiOnly)}'`;
}

/** strconv.CanBackquote. */
export function canBackquote(s: string): boolean {
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === '`' || cp === 0xfeff) return false;
    if ((cp < 0x20 && ch !== '\t') || cp === 0x7f) return false;
  }
  return true;
}

/** text/template's HTMLEscapeString (`html` builtin). */
export function htmlEscape(s: string): string {
  return s.replace(/[\0"'&<>]/g, (c) => HTML_ESCAPES[c] ?? c);
}

const HTML_ESCAPES: Record<string, string> = {
  '\0': '\uFFFD',
  '"': '&#34;',
  "'": '&#39;',
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
};

const JS_ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  "'": "\\'",
  '"': '\\"',
  '<': '\\u003C',
  '>': '\\u003E',
  '&': '\\u0026',
  '=': '\\u003D',
};

/** text/template's JSEscapeString (`js` builtin) as of Go 1.19. */
export function jsEscape(s: string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    const fixed = JS_ESCAPES[ch];
    if (fixed) out += fixed;
    else if (cp < 0x20) out += '\\u00' + cp.toString(16).toUpperCase().padStart(2, '0');
    else if (cp < 0x80 || isPrint(ch)) out += ch;
    else out += '\\u' + cp.toString(16).toUpperCase().padStart(4, '0');
  }
  return out;
}

/** net/url.QueryEscape (`urlquery` builtin, graphLink/tableLink). */
export function queryEscape(s: string): string {
  let out = '';
  for (const byte of utf8Bytes(s)) {
    const c = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += '%' + byte.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

/**
 * Go maps case rune by rune; JS may expand one character into several (ß → SS). Where JS
 * expands, Go keeps the rune, except for the few runes whose simple mapping JS hides.
 */
function mapRunes(s: string, map: (ch: string) => string, special: Record<string, string>): string {
  let out = '';
  for (const ch of s) {
    const sp = special[ch];
    if (sp !== undefined) {
      out += sp;
      continue;
    }
    const m = map(ch);
    out += [...m].length === 1 ? m : ch;
  }
  return out;
}

const LOWER_SPECIAL: Record<string, string> = { '\u0130': 'i' };
// Title case differs from upper case only for these digraphs.
const TITLE_SPECIAL: Record<string, string> = {
  '\u01c4': '\u01c5',
  '\u01c5': '\u01c5',
  '\u01c6': '\u01c5',
  '\u01c7': '\u01c8',
  '\u01c8': '\u01c8',
  '\u01c9': '\u01c8',
  '\u01ca': '\u01cb',
  '\u01cb': '\u01cb',
  '\u01cc': '\u01cb',
  '\u01f1': '\u01f2',
  '\u01f2': '\u01f2',
  '\u01f3': '\u01f2',
};

/** strings.ToUpper. */
export function goToUpper(s: string): string {
  return mapRunes(s, (c) => c.toUpperCase(), {});
}

/** strings.ToLower. */
export function goToLower(s: string): string {
  return mapRunes(s, (c) => c.toLowerCase(), LOWER_SPECIAL);
}

const LETTER_OR_DIGIT = /^[\p{L}\p{Nd}]$/u;
/** unicode.IsSpace (JS's \s adds U+FEFF and lacks U+0085). */
export function goIsSpace(ch: string): boolean {
  if (ch === '\u0085') return true;
  return ch !== '\ufeff' && /^\s$/u.test(ch);
}

/** strings.Title's word boundary: ASCII non-alphanumerics (except _) and Unicode spaces. */
function isSeparator(ch: string): boolean {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp <= 0x7f) return !/[0-9a-zA-Z_]/.test(ch);
  if (LETTER_OR_DIGIT.test(ch)) return false;
  return goIsSpace(ch);
}

/**
 * strings.Title, which Prometheus 2.42 (as packaged by Debian) uses for `title`: every letter
 * after a separator is title-cased, so "o'neil" becomes "O'Neil" and "a.b" becomes "A.B".
 */
export function goTitle(s: string): string {
  let prev = ' ';
  let out = '';
  for (const ch of s) {
    out += isSeparator(prev) ? mapRunes(ch, (c) => c.toUpperCase(), TITLE_SPECIAL) : ch;
    prev = ch;
  }
  return out;
}

/** Go string ordering: bytewise on UTF-8, which is code point order (JS compares UTF-16 units). */
export function goCompare(a: string, b: string): number {
  const ai = a[Symbol.iterator]();
  const bi = b[Symbol.iterator]();
  for (;;) {
    const x = ai.next();
    const y = bi.next();
    if (x.done || y.done) return x.done && y.done ? 0 : x.done ? -1 : 1;
    const d = (x.value.codePointAt(0) ?? 0) - (y.value.codePointAt(0) ?? 0);
    if (d !== 0) return d;
  }
}
