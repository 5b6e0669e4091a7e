/**
 * Prometheus's number-to-text template functions (humanize*, toTime, parseDuration) as in
 * Prometheus 2.42. They accept float64, int types and numeric strings, print with Go's `%.4g`,
 * and fail with Go's error texts, which Prometheus puts into the annotation.
 */
import { sprintf } from './sprintf.js';
import { goQuote } from './goStrings.js';
import { parseGoFloat } from './literals.js';
import { MAX_INT64, MIN_INT64, formatTime } from './goTime.js';
import { typeName, type GoValue } from './values.js';

/** A Go function returned a non-nil error (or panicked); the message is Go's. */
export class GoCallError extends Error {}

const g4 = (v: number, suffix = '') => sprintf(`%.4g${suffix}`, [{ kind: 'float64', value: v }]);

/** strconv.ParseFloat with Go's error texts. */
export function strconvParseFloat(s: string): number {
  const v = parseGoFloat(s);
  if (v !== undefined) return v;
  const syntaxOnly = parseGoFloat(s.replace(/[eE][+-]?\d+$/, '')) !== undefined && /[eE][+-]?\d+$/.test(s);
  const why = syntaxOnly ? 'value out of range' : 'invalid syntax';
  throw new GoCallError(`strconv.ParseFloat: parsing ${goQuote(s)}: ${why}`);
}

/** Prometheus's convertToFloat. */
export function convertToFloat(v: GoValue): number {
  switch (v.kind) {
    case 'float64':
      return v.value;
    case 'string':
      if (!v.html) return strconvParseFloat(v.value);
      break;
    case 'int':
      return Number(v.value);
  }
  throw new GoCallError(`can't convert ${v.kind === 'nil' || v.kind === 'invalid' ? '<nil>' : typeName(v)} to float`);
}

const isSpecial = (v: number) => Number.isNaN(v) || !Number.isFinite(v);

function scaleDown(v: number, prefixes: string[], base: number): string {
  let prefix = '';
  for (const p of prefixes) {
    if (Math.abs(v) < base) break;
    prefix = p;
    v /= base;
  }
  return g4(v, prefix);
}

function scaleUp(v: number, suffix: string): string {
  let prefix = '';
  for (const p of ['m', 'u', 'n', 'p', 'f', 'a', 'z', 'y']) {
    if (Math.abs(v) >= 1) break;
    prefix = p;
    v *= 1000;
  }
  return g4(v, prefix + suffix);
}

export function humanize(x: GoValue): string {
  const v = convertToFloat(x);
  if (v === 0 || isSpecial(v)) return g4(v);
  if (Math.abs(v) >= 1) return scaleDown(v, ['k', 'M', 'G', 'T', 'P', 'E', 'Z', 'Y'], 1000);
  return scaleUp(v, '');
}

export function humanize1024(x: GoValue): string {
  const v = convertToFloat(x);
  if (Math.abs(v) <= 1 || isSpecial(v)) return g4(v);
  return scaleDown(v, ['ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei', 'Zi', 'Yi'], 1024);
}

/** Go's int64(float64) on amd64: truncation, and MinInt64 for anything out of range. */
function goInt64(v: number): bigint {
  if (Number.isNaN(v) || v >= 2 ** 63 || v < -(2 ** 63)) return MIN_INT64;
  return BigInt(Math.trunc(v));
}

export function humanizeDuration(x: GoValue): string {
  let v = convertToFloat(x);
  if (isSpecial(v)) return g4(v);
  if (v === 0) return g4(v, 's');
  if (Math.abs(v) >= 1) {
    let sign = '';
    if (v < 0) {
      sign = '-';
      v = -v;
    }
    const n = goInt64(v);
    const seconds = n % 60n;
    const minutes = (n / 60n) % 60n;
    const hours = (n / 3600n) % 24n;
    const days = n / 86400n;
    if (days !== 0n) return `${sign}${days}d ${hours}h ${minutes}m ${seconds}s`;
    if (hours !== 0n) return `${sign}${hours}h ${minutes}m ${seconds}s`;
    if (minutes !== 0n) return `${sign}${minutes}m ${seconds}s`;
    return sign + g4(v, 's');
  }
  return scaleUp(v, 's');
}

export function humanizePercentage(x: GoValue): string {
  return g4(convertToFloat(x) * 100, '%%');
}

/** Prometheus's floatToTime: seconds to a millisecond-precision UTC time. */
export function floatToTime(v: number): bigint {
  if (isSpecial(v)) throw new GoCallError('value is NaN or Inf');
  const ns = v * 1e9;
  if (ns > 2 ** 63 || ns < -(2 ** 63)) {
    throw new GoCallError(`${sprintf('%v', [{ kind: 'float64', value: v }])} cannot be represented as a nanoseconds timestamp since it overflows int64`);
  }
  // model.TimeFromUnixNano truncates to milliseconds (Go integer division truncates toward zero).
  const ms = goInt64(ns) / 1_000_000n;
  return ms * 1_000_000n;
}

export function humanizeTimestamp(x: GoValue): string {
  const v = convertToFloat(x);
  if (isSpecial(v)) return g4(v);
  return formatTime(floatToTime(v));
}

const DURATION_UNITS: [string, bigint][] = [
  ['y', 365n * 24n * 3600n * 1000n],
  ['w', 7n * 24n * 3600n * 1000n],
  ['d', 24n * 3600n * 1000n],
  ['h', 3600n * 1000n],
  ['m', 60n * 1000n],
  ['s', 1000n],
  ['ms', 1n],
];

/** model.ParseDuration (prometheus/common of that era) in seconds. */
export function parseDuration(s: string): number {
  if (s === '') throw new GoCallError('empty duration string');
  if (s === '0') return 0;
  const re = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;
  const m = re.exec(s);
  if (!m) throw new GoCallError(`not a valid duration string: ${goQuote(s)}`);
  let ms = 0n;
  DURATION_UNITS.forEach(([, unit], i) => {
    const part = m[i + 1];
    if (part === undefined) return;
    ms += BigInt(part) * unit;
    if (ms > MAX_INT64 / 1_000_000n) throw new GoCallError('duration out of range');
  });
  return Number(ms * 1_000_000n) / 1e9;
}
