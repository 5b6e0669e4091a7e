import { emptySet, type CharSet, type Node } from './ast.js';
import { foldPropertyExtras, foldRanges } from './fold.js';
import { negate, normalize, rangesText } from './ranges.js';
import type { Scanner } from './scanner.js';
import { PERL_CLASSES, POSIX_CLASSES, unicodeClassBody, type Range } from './tables.js';

/**
 * Character classes as Go's parser builds them: `[...]`, `\d`-style Perl classes, POSIX
 * `[:name:]` and Unicode `\p{Name}`. `fold` is (?i), applied per item at parse time.
 */

/** `[...]`, folded item by item under (?i) and negated last, as Go's parseClass does. */
export function charClass(s: Scanner, fold: boolean): Node {
  const start = s.pos;
  s.pos++;
  let negated = false;
  if (s.src[s.pos] === '^') {
    negated = true;
    s.pos++;
  }
  const set = emptySet();
  let first = true;
  // A ']' right after '[' or '[^' is a literal, as in Go.
  while (s.pos >= s.src.length || s.src[s.pos] !== ']' || first) {
    first = false;
    if (s.src.length - s.pos > 2 && s.src.startsWith('[:', s.pos)) {
      const close = s.src.indexOf(':]', s.pos + 2);
      if (close >= 0) {
        const name = s.src.slice(s.pos, close + 2);
        set.ranges.push(...posixClass(s, name, fold));
        s.pos = close + 2;
        continue;
      }
    }
    if (s.src[s.pos] === '\\' && (s.src[s.pos + 1] === 'p' || s.src[s.pos + 1] === 'P')) {
      const u = unicodeClass(s, fold);
      set.ranges.push(...u.ranges);
      set.properties.push(...u.properties);
      set.complements.push(...u.complements);
      continue;
    }
    const perl = perlClass(s, fold);
    if (perl) {
      set.ranges.push(...perl);
      continue;
    }
    const itemStart = s.pos;
    const lo = classChar(s, start);
    let hi = lo;
    if (s.src.length - s.pos >= 2 && s.src[s.pos] === '-' && s.src[s.pos + 1] !== ']') {
      s.pos++;
      hi = classChar(s, start);
      if (hi < lo) s.fail('invalid character class range', s.src.slice(itemStart, s.pos));
    }
    set.ranges.push(...(fold ? foldRanges([[lo, hi]]) : [[lo, hi] as const]));
  }
  s.pos++;
  set.ranges = normalize(set.ranges);
  return { kind: 'class', set, negated };
}

function posixClass(s: Scanner, name: string, fold: boolean): Range[] {
  const inner = name.slice(2, -2);
  const negated = inner.startsWith('^');
  const key = negated ? inner.slice(1) : inner;
  if (!Object.hasOwn(POSIX_CLASSES, key)) s.fail('invalid character class range', name);
  return group(POSIX_CLASSES[key]!, negated, fold);
}

function classChar(s: Scanner, classStart: number): number {
  if (s.pos >= s.src.length) s.fail('missing closing ]', s.src.slice(classStart));
  if (s.src[s.pos] === '\\') return s.escape();
  const { cp, width } = s.runeAt(s.pos);
  s.pos += width;
  return cp;
}

/** `\d \D \s \S \w \W` at pos, folded under (?i) before negation as Go's appendGroup does. */
export function perlClass(s: Scanner, fold: boolean): Range[] | undefined {
  const c = s.src[s.pos + 1];
  if (s.src[s.pos] !== '\\' || c === undefined || !'dDsSwW'.includes(c)) return undefined;
  s.pos += 2;
  return group(PERL_CLASSES[c.toLowerCase()]!, c !== c.toLowerCase(), fold);
}

/** `\pN`, `\p{Name}`, `\P{Name}`, `\p{^Name}` at pos. */
export function unicodeClass(s: Scanner, fold: boolean): CharSet {
  const start = s.pos;
  let negated = s.src[start + 1] === 'P';
  const { cp, width } = s.runeAt(start + 2);
  let name: string;
  let end: number;
  if (cp !== 0x7b) {
    end = start + 2 + width;
    name = s.src.slice(start + 2, end);
  } else {
    const close = s.src.indexOf('}', start);
    if (close < 0) s.fail('invalid character class range', s.src.slice(start));
    end = close + 1;
    name = s.src.slice(start + 3, close);
  }
  if (name.startsWith('^')) {
    negated = !negated;
    name = name.slice(1);
  }
  const body = unicodeClassBody(name);
  if (body === undefined) s.fail('invalid character class range', s.src.slice(start, end));
  s.pos = end;
  const extras = fold && name !== 'Any' ? foldPropertyExtras(body) : [];
  return negated
    ? { ranges: [], properties: [], complements: [body + rangesText(extras)] }
    : { ranges: extras, properties: [body], complements: [] };
}

/** Go's appendGroup: fold first, then negate, so (?i)\W excludes ſ and K. */
function group(ranges: readonly Range[], negated: boolean, fold: boolean): Range[] {
  const folded = fold ? foldRanges(ranges) : normalize(ranges);
  return negated ? negate(folded) : folded;
}
