/**
 * Go's regexp package for `match` and `reReplaceAll`, on top of JS RegExp: compile via the
 * RE2 translation, search, and ReplaceAllString with Go's `$name` expansion and its rule that
 * an empty match right after a previous match is skipped.
 */
import { GoRegexpError, translateRe2 } from './re2Syntax.js';

export { GoRegexpError };

export interface GoRegexp {
  re: RegExp;
  /** Capture group names by group number (index 0 unused, '' for unnamed). */
  names: string[];
}

/** regexp.Compile; throws GoRegexpError with Go's message on a syntax error. */
export function compileGoRegexp(pattern: string): GoRegexp {
  const { source, ignoreCase, names } = translateRe2(pattern);
  let re: RegExp;
  try {
    re = new RegExp(source || '(?:)', ignoreCase ? 'giu' : 'gu');
  } catch (e) {
    throw new GoRegexpError(`error parsing regexp: ${(e as Error).message}: \`${pattern}\``);
  }
  return { re, names };
}

/** regexp.MatchString: unanchored search. */
export function goMatch(re: GoRegexp, text: string): boolean {
  re.re.lastIndex = 0;
  return re.re.test(text);
}

/** Regexp.Expand's template language: $1, ${1}, $name, ${name}, $$. */
function expand(template: string, m: RegExpExecArray, names: string[]): string {
  let out = '';
  let rest = template;
  for (;;) {
    const d = rest.indexOf('$');
    if (d < 0) break;
    out += rest.slice(0, d);
    rest = rest.slice(d + 1);
    if (rest[0] === '$') {
      out += '$';
      rest = rest.slice(1);
      continue;
    }
    const brace = rest[0] === '{';
    const nameMatch = /^[\p{L}\p{Nd}_]+/u.exec(brace ? rest.slice(1) : rest);
    if (!nameMatch || (brace && rest[1 + nameMatch[0].length] !== '}')) {
      out += '$';
      continue;
    }
    const name = nameMatch[0];
    rest = rest.slice(name.length + (brace ? 2 : 0));
    let num = /^\d+$/.test(name) && name.length < 9 ? Number(name) : -1;
    if (name[0] === '0' && name.length > 1) num = -1;
    if (num >= 0) out += m[num] ?? '';
    else {
      const idx = names.indexOf(name);
      if (idx > 0) out += m[idx] ?? '';
    }
  }
  return out + rest;
}

/** Regexp.ReplaceAllString, including Go's rule that an empty match right after a match is skipped. */
export function goReplaceAll(re: GoRegexp, src: string, repl: string): string {
  let out = '';
  let lastMatchEnd = 0;
  let searchPos = 0;
  while (searchPos <= src.length) {
    re.re.lastIndex = searchPos;
    const m = re.re.exec(src);
    if (!m) break;
    const mStart = m.index;
    const mEnd = mStart + m[0].length;
    out += src.slice(lastMatchEnd, mStart);
    if (mEnd > lastMatchEnd || mStart === 0) out += expand(repl, m, re.names);
    lastMatchEnd = mEnd;
    const cp = src.codePointAt(searchPos);
    const width = cp === undefined ? 0 : String.fromCodePoint(cp).length;
    if (searchPos + width > mEnd) searchPos += width;
    else if (searchPos + 1 > mEnd) searchPos++;
    else searchPos = mEnd;
  }
  return out + src.slice(lastMatchEnd);
}
