import type { SampleValue } from './storage.js';

/**
 * Writing promtool's expanding notation: the inverse of parseSeriesValues, choosing the
 * shortest text that loads back to exactly the same floats.
 */

/**
 * The shortest text the series lexer reads back as exactly `x`: the round-trip digits in
 * whichever of plain or exponent form is shorter (".5", "15e2"). Identifiers for the
 * non-finite values cannot take an `x` suffix, which the caller accounts for.
 */
export function formatSeriesNumber(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Inf';
  if (x === -Infinity) return '-Inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const sign = x < 0 ? '-' : '';
  const [mantissa, exponent] = Math.abs(x).toExponential().split('e') as [string, string];
  const digits = mantissa.replace('.', '');
  // value = digits × 10^k
  const k = Number(exponent) - (digits.length - 1);
  let plain: string;
  if (k >= 0) plain = digits + '0'.repeat(k);
  else if (digits.length > -k) plain = `${digits.slice(0, digits.length + k)}.${digits.slice(digits.length + k)}`;
  else plain = `.${'0'.repeat(-k - digits.length)}${digits}`;
  const scientific = k === 0 ? plain : `${digits}e${k}`;
  return sign + (scientific.length < plain.length ? scientific : plain);
}

function isIdentifier(text: string): boolean {
  return text.endsWith('Inf') || text === 'NaN';
}

/** `d` rounded to 1..17 significant digits, distinct and non-zero, then `d` itself: short steps first. */
function roundings(d: number): number[] {
  const out: number[] = [];
  for (let p = 1; p <= 17; p++) {
    const b = Number(d.toPrecision(p));
    if (b !== 0 && !out.includes(b)) out.push(b);
  }
  if (!out.includes(d)) out.push(d);
  return out;
}

/**
 * Candidate increments for a run starting at `a` whose next value is `next`: the roundings
 * of the difference that reproduce `next` by float addition. Counters repeat the same
 * difference for thousands of samples, so the roundings are memoised per difference.
 */
function stepCandidates(a: number, next: number, memo: Map<number, number[]>): number[] {
  const d = next - a;
  if (!Number.isFinite(d) || d === 0) return [];
  let bs = memo.get(d);
  if (!bs) memo.set(d, (bs = roundings(d)));
  return bs.filter((b) => a + b === next);
}

/** Run lengths the encoder weighs for a run that could go on for `max` values. */
function runLengths(max: number): number[] {
  // Every length up to 32, then only the longest few: a run is almost always best taken whole,
  // and weighing every length of a 17,000-sample run would make encoding quadratic.
  const out: number[] = [];
  for (let L = 2; L <= Math.min(max, 32); L++) out.push(L);
  for (let L = Math.max(33, max - 8); L <= max; L++) out.push(L);
  return out;
}

/** Runs at least this long are written whole, without weighing where else they could end. */
const LONG_RUN = 64;

/**
 * Writes values in a compact notation that parseSeriesValues reads back to exactly the same
 * floats (compared with Object.is, so -0 and NaN survive): gaps as `_`/`_xn`, constant runs as
 * `axn`, arithmetic runs as `a+bxn` checked against Prometheus's repeated float addition.
 * Runs of 64 values or more (a counter climbing steadily for an hour) are taken whole as they
 * come; the stretches between them are encoded by dynamic programming over where each run
 * ends. Generated test inputs are mostly long runs, so most values are never formatted.
 */
export function formatSeriesValues(values: readonly SampleValue[]): string {
  const memo = new Map<number, number[]>();
  const parts: string[] = [];
  let segmentStart = 0;
  for (let i = 0; i < values.length; ) {
    const run = longRunAt(values, i, memo);
    if (!run) {
      i++;
      continue;
    }
    if (segmentStart < i) parts.push(encodeSegment(values.slice(segmentStart, i), memo));
    parts.push(run.text);
    i = segmentStart = run.end;
  }
  if (segmentStart < values.length) parts.push(encodeSegment(values.slice(segmentStart), memo));
  return parts.join(' ');
}

/** The longest run starting at `i`, as one token, when it covers at least LONG_RUN values. */
function longRunAt(values: readonly SampleValue[], i: number, memo: Map<number, number[]>): { end: number; text: string } | undefined {
  const v = values[i];
  const sameFrom = (limit: number) => {
    let j = i + 1;
    while (j < limit && Object.is(values[j], v)) j++;
    return j;
  };
  const capped = Math.min(values.length, i + LONG_RUN);
  if (v === null) {
    if (sameFrom(capped) - i < LONG_RUN) return undefined;
    const end = sameFrom(values.length);
    return { end, text: `_x${end - i}` };
  }
  if (typeof v !== 'number') return undefined;
  let best: { end: number; text: string } | undefined;
  // Formatted only once a run qualifies: most positions start none, and formatting was most of the cost.
  let a: string | undefined;
  const offer = (end: number, head: string) => {
    const text = `${head}x${end - i - 1}`;
    if (end - i >= LONG_RUN && (!best || end > best.end || (end === best.end && text.length < best.text.length))) best = { end, text };
  };
  if (sameFrom(capped) - i >= LONG_RUN) {
    a = formatSeriesNumber(v);
    offer(sameFrom(values.length), isIdentifier(a) ? `${a}+0` : a);
  }
  const next = values[i + 1];
  if (typeof next === 'number') {
    for (const b of stepCandidates(v, next, memo)) {
      if (runEnd(values, i + 1, next, b, capped) - i < LONG_RUN) continue;
      a ??= formatSeriesNumber(v);
      offer(runEnd(values, i + 1, next, b), `${a}${b < 0 ? `-${formatSeriesNumber(-b)}` : `+${formatSeriesNumber(b)}`}`);
    }
  }
  return best;
}

/** The shortest encoding of a stretch without long runs, by dynamic programming. */
function encodeSegment(values: readonly SampleValue[], roundingMemo: Map<number, number[]>): string {
  const n = values.length;
  const num = values.map((v) => (typeof v === 'number' ? formatSeriesNumber(v) : ''));
  // best[i]: length of the shortest encoding of values[i..]; choice[i]: its first token.
  const best: number[] = new Array<number>(n + 1).fill(Infinity);
  const choice: Array<{ head: string; length: number; times?: number }> = new Array(n + 1);
  best[n] = 0;
  // A token is `head`, then `x<times>` when it covers more than one value: times is the count
  // of gaps for `_`, and of repetitions after the first value otherwise.
  const consider = (i: number, length: number, head: string, times?: number): void => {
    const tokenLength = head.length + (times === undefined ? 0 : 1 + String(times).length);
    const cost = tokenLength + (i + length < n ? 1 : 0) + best[i + length]!;
    if (cost < best[i]!) {
      best[i] = cost;
      choice[i] = { head, length, times };
    }
  };
  // Where a constant run, or an arithmetic run with a given step, starting at i+1 ends: the
  // run from i with the same step reproduces the same additions, so it ends there too.
  let sameEnd = n;
  let stepEnds = new Map<number, number>();
  for (let i = n - 1; i >= 0; i--) {
    const v = values[i]!;
    const nextEnds = new Map<number, number>();
    if (v === null) {
      if (values[i + 1] !== null) sameEnd = i + 1;
      consider(i, 1, '_');
      for (const L of runLengths(sameEnd - i)) consider(i, L, '_', L);
      stepEnds = nextEnds;
      continue;
    }
    if (v === 'stale') {
      sameEnd = i + 1;
      consider(i, 1, 'stale');
      stepEnds = nextEnds;
      continue;
    }
    if (!(i + 1 < n && Object.is(values[i + 1], v))) sameEnd = i + 1;
    const a = num[i]!;
    consider(i, 1, a);
    // Identifiers (Inf, NaN) swallow a following "x", so they repeat through "+0".
    const repeatHead = isIdentifier(a) ? `${a}+0` : a;
    for (const L of runLengths(sameEnd - i)) consider(i, L, repeatHead, L - 1);
    const next = values[i + 1];
    if (typeof next === 'number') {
      for (const b of stepCandidates(v, next, roundingMemo)) {
        const end = stepEnds.get(b) ?? runEnd(values, i + 1, next, b);
        nextEnds.set(b, end);
        const head = `${a}${b < 0 ? `-${formatSeriesNumber(-b)}` : `+${formatSeriesNumber(b)}`}`;
        for (const L of runLengths(end - i)) consider(i, L, head, L - 1);
      }
    }
    stepEnds = nextEnds;
  }
  const parts: string[] = [];
  for (let i = 0; i < n; ) {
    const { head, length, times } = choice[i]!;
    parts.push(times === undefined ? head : `${head}x${times}`);
    i += length;
  }
  return parts.join(' ');
}

/** The end (exclusive, at most `limit`) of the run that starts at `from` with `value` and grows by `b`. */
function runEnd(values: readonly SampleValue[], from: number, value: number, b: number, limit = values.length): number {
  let current = value;
  let j = from;
  while (j + 1 < limit && Object.is(values[j + 1], current + b)) {
    current += b;
    j++;
  }
  return j + 1;
}
