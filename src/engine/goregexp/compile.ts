import { RegexpUnsupportedError } from './errors.js';
import { expand } from './expand.js';
import { translate } from './syntax.js';

/** One match: where it is, and every group's text (index 0 the whole match; undefined if unset). */
export interface Submatch {
  index: number;
  end: number;
  groups: readonly (string | undefined)[];
}

/**
 * A compiled Go regexp with Go's matching API: leftmost-first, unanchored searches (as Go's
 * MatchString and FindStringSubmatchIndex), Expand and ReplaceAllString.
 */
export class GoRegexp {
  /** Capture names by group number; '' for the whole match and unnamed groups. */
  readonly subexpNames: readonly string[];
  private readonly re: RegExp;
  private readonly loopSkippable: ReadonlySet<number>;
  private readonly ambiguousEmptyLoop: boolean;

  /** Use compile(), which caches. */
  constructor(readonly pattern: string) {
    const t = translate(pattern);
    this.subexpNames = t.names;
    this.loopSkippable = t.loopSkippable;
    this.ambiguousEmptyLoop = t.ambiguousEmptyLoop;
    try {
      this.re = new RegExp(t.source, 'gu');
    } catch (e) {
      // A translation JS rejects is a lookout bug; refusing beats a wrong error message.
      throw new RegexpUnsupportedError(`JavaScript rejected the translation (${(e as Error).message})`, pattern);
    }
  }

  get numSubexp(): number {
    return this.subexpNames.length - 1;
  }

  /** Regexp.MatchString: is there a match anywhere in `text`? Exact for every pattern Go accepts. */
  matchString(text: string): boolean {
    return this.exec(text, 0) !== null;
  }

  /**
   * The leftmost match starting at or after `from` (a UTF-16 index); null if none. Throws
   * RegexpUnsupportedError for a pattern whose match JS and Go choose differently (loops.ts).
   */
  findSubmatch(text: string, from = 0): Submatch | null {
    if (this.ambiguousEmptyLoop) {
      throw new RegexpUnsupportedError('a repetition of something that can match both empty and non-empty text', this.pattern);
    }
    const m = this.exec(text, from);
    return m && { index: m.index, end: m.index + m[0].length, groups: [...m] };
  }

  /**
   * V8 reports empty matches between the halves of a surrogate pair (`\B`, lookbehind), even
   * with the `u` flag; Go sees whole characters only, so such a match is skipped.
   */
  private exec(text: string, from: number): RegExpExecArray | null {
    for (let at = from; at <= text.length; ) {
      this.re.lastIndex = at;
      const m = this.re.exec(text);
      if (!m || !splitsPair(text, m.index)) return m;
      at = m.index + 1;
    }
    return null;
  }

  /** Regexp.ExpandString for one match. Throws RegexpUnsupportedError where Go's value is unknowable. */
  expand(template: string, match: Submatch): string {
    return expand(template, { groups: match.groups, names: this.subexpNames, loopSkippable: this.loopSkippable, pattern: this.pattern });
  }

  /**
   * Regexp.ReplaceAllString, including Go's rule that an empty match right after a previous
   * match is not replaced (so `a*` on "baaac" gives "-b-c-", not "-b--c-").
   */
  replaceAllString(src: string, template: string): string {
    let out = '';
    let lastMatchEnd = 0;
    let searchPos = 0;
    while (searchPos <= src.length) {
      const m = this.findSubmatch(src, searchPos);
      if (!m) break;
      out += src.slice(lastMatchEnd, m.index);
      if (m.end > lastMatchEnd || m.index === 0) out += this.expand(template, m);
      lastMatchEnd = m.end;
      // Always advance by at least one character (a whole code point) past an empty match.
      const cp = src.codePointAt(searchPos);
      const width = cp === undefined ? 0 : cp > 0xffff ? 2 : 1;
      if (searchPos + width > m.end) searchPos += width;
      else if (searchPos + 1 > m.end) searchPos++;
      else searchPos = m.end;
    }
    return out + src.slice(lastMatchEnd);
  }
}

function splitsPair(text: string, i: number): boolean {
  const before = text.charCodeAt(i - 1);
  const after = text.charCodeAt(i);
  return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
}

const cache = new Map<string, GoRegexp>();
const CACHE_SIZE = 512;

/**
 * regexp.Compile. Throws RegexpSyntaxError (Go's message) for a pattern Go rejects and
 * RegexpUnsupportedError for one lookout cannot reproduce exactly. Compiled patterns are
 * cached, since label matchers are evaluated once per series and step.
 */
export function compile(pattern: string): GoRegexp {
  let re = cache.get(pattern);
  if (re) return re;
  re = new GoRegexp(pattern);
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(pattern, re);
  return re;
}
