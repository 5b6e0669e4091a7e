import { MAX_RUNE, type Range } from './tables.js';

/** Code point range sets, the form Go's parser keeps character classes in. */

/** Sorted, merged copy: the canonical form every other function here expects and returns. */
export function normalize(ranges: readonly Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [lo, hi] of sorted) {
    const last = out[out.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

/** Everything not in `ranges`, up to U+10FFFF. */
export function negate(ranges: readonly Range[]): Range[] {
  const out: Range[] = [];
  let next = 0;
  for (const [lo, hi] of normalize(ranges)) {
    if (lo > next) out.push([next, lo - 1]);
    next = hi + 1;
  }
  if (next <= MAX_RUNE) out.push([next, MAX_RUNE]);
  return out;
}

/** `\u{..}` for anything but ASCII letters and digits, so no character is special in JS. */
export function codePointText(cp: number): string {
  return (cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a)
    ? String.fromCodePoint(cp)
    : `\\u{${cp.toString(16)}}`;
}

/** The body of a JS class (between the brackets) matching exactly `ranges`. */
export function rangesText(ranges: readonly Range[]): string {
  return normalize(ranges)
    .map(([lo, hi]) => (lo === hi ? codePointText(lo) : `${codePointText(lo)}-${codePointText(hi)}`))
    .join('');
}
