import { normalize } from './ranges.js';
import type { Range } from './tables.js';

/**
 * Go's (?i): a character matches every member of its simple case-folding orbit (k, K and the
 * Kelvin sign K; s, S and ſ), computed per character at parse time. JavaScript's `i` flag
 * cannot be scoped to part of a pattern and, without `u`, folds differently, so lookout
 * expands the orbits itself and never uses the `i` flag.
 */

/** Go's minFold and maxFold: no code point outside this range has another case. */
const MIN_FOLD = 0x41;
const MAX_FOLD = 0x1e943;

let orbits: Map<number, readonly number[]> | undefined;
/** Sorted code points whose orbit has more than one member. */
let foldable: number[] = [];

/**
 * Builds the orbits once, on first use of (?i). Candidates are linked through toLowerCase and
 * toUpperCase, then split by the engine's own Unicode simple case folding (the `iu` flags),
 * which is exactly the equivalence Go's orbits describe: ı joins I through toUpperCase, but
 * does not fold to it, so it is split off again.
 */
function table(): Map<number, readonly number[]> {
  if (orbits) return orbits;
  const parent = new Map<number, number>();
  const find = (x: number): number => {
    let root = x;
    while (parent.has(root) && parent.get(root) !== root) root = parent.get(root)!;
    return root;
  };
  const union = (a: number, b: number) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(Math.max(ra, rb), Math.min(ra, rb));
  };
  for (let cp = MIN_FOLD; cp <= MAX_FOLD; cp++) {
    const ch = String.fromCodePoint(cp);
    for (const other of [ch.toLowerCase(), ch.toUpperCase()]) {
      const o = other.codePointAt(0)!;
      if (o !== cp && String.fromCodePoint(o) === other) {
        if (!parent.has(cp)) parent.set(cp, cp);
        if (!parent.has(o)) parent.set(o, o);
        union(cp, o);
      }
    }
  }
  const groups = new Map<number, number[]>();
  for (const cp of parent.keys()) {
    const root = find(cp);
    const g = groups.get(root) ?? [];
    g.push(cp);
    groups.set(root, g);
  }
  orbits = new Map();
  for (const members of groups.values()) {
    const classes: { test: RegExp; members: number[] }[] = [];
    for (const cp of members.sort((a, b) => a - b)) {
      const ch = String.fromCodePoint(cp);
      const home = classes.find((c) => c.test.test(ch));
      if (home) home.members.push(cp);
      else classes.push({ test: new RegExp(`^\\u{${cp.toString(16)}}$`, 'iu'), members: [cp] });
    }
    for (const { members: orbit } of classes) {
      if (orbit.length > 1) for (const cp of orbit) orbits.set(cp, orbit);
    }
  }
  foldable = [...orbits.keys()].sort((a, b) => a - b);
  return orbits;
}

/** The code points (?i) makes `cp` match, itself included, in ascending order. */
export function orbit(cp: number): readonly number[] {
  return table().get(cp) ?? [cp];
}

/** Go's appendFoldedRange over a set: adds the orbit of every member. */
export function foldRanges(ranges: readonly Range[]): Range[] {
  table();
  const out: Range[] = [...ranges];
  for (const [lo, hi] of ranges) {
    if (hi < MIN_FOLD || lo > MAX_FOLD || (lo <= MIN_FOLD && hi >= MAX_FOLD)) continue;
    for (let i = lowerBound(foldable, lo); i < foldable.length && foldable[i]! <= hi; i++) {
      for (const o of orbit(foldable[i]!)) out.push([o, o]);
    }
  }
  return normalize(out);
}

/**
 * The code points folding brings into a Unicode property class (Go's FoldCategory and
 * FoldScript tables): members of an orbit that touches the class. `body` is JS class text.
 */
export function foldPropertyExtras(body: string): Range[] {
  table();
  const inClass = new RegExp(`^[${body}]$`, 'u');
  const extra: Range[] = [];
  for (const cp of foldable) {
    if (!inClass.test(String.fromCodePoint(cp))) continue;
    for (const o of orbit(cp)) if (!inClass.test(String.fromCodePoint(o))) extra.push([o, o]);
  }
  return normalize(extra);
}

function lowerBound(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
