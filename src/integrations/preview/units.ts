/**
 * Values printed with a panel's unit (`fieldConfig.defaults.unit`) the way Grafana prints the
 * common ones: seconds scale to ms/µs, percentunit is a ratio, bytes use binary prefixes.
 * An unknown unit is printed after the number, so nothing is silently dropped.
 */

/** Decimals for a value when the panel sets none: about three significant digits. */
function autoDecimals(v: number): number {
  const a = Math.abs(v);
  if (a === 0 || a >= 100) return 0;
  if (a >= 10) return 1;
  if (a >= 1) return 2;
  return Math.min(6, Math.max(2, 1 - Math.floor(Math.log10(a)) + 1));
}

function fixed(v: number, decimals: number | undefined): string {
  const text = v.toFixed(decimals ?? autoDecimals(v));
  // 1.50 → 1.5, but keep what the panel asked for when it set decimals.
  return decimals === undefined && text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/** Scales `v` by the largest step not above it: [[factor, suffix], ...] from large to small. */
function scaled(v: number, steps: [number, string][], decimals: number | undefined): string {
  const a = Math.abs(v);
  // Zero has no magnitude to scale by: it is printed in the base unit ("0 s", not "0 ns").
  if (a === 0) {
    const base = steps.find(([factor]) => factor === 1) ?? steps[steps.length - 1]!;
    return `${fixed(0, decimals)}${base[1]}`;
  }
  for (const [factor, suffix] of steps) {
    if (a >= factor) return `${fixed(v / factor, decimals)}${suffix}`;
  }
  const last = steps[steps.length - 1]!;
  return `${fixed(v / last[0], decimals)}${last[1]}`;
}

const SECONDS: [number, string][] = [
  [86_400, ' day'],
  [3_600, ' hour'],
  [60, ' min'],
  [1, ' s'],
  [1e-3, ' ms'],
  [1e-6, ' µs'],
  [1e-9, ' ns'],
];
const SHORT: [number, string][] = [
  [1e12, ' T'],
  [1e9, ' B'],
  [1e6, ' M'],
  [1e3, ' K'],
  [1, ''],
];
const BYTES: [number, string][] = [
  [1024 ** 4, ' TiB'],
  [1024 ** 3, ' GiB'],
  [1024 ** 2, ' MiB'],
  [1024, ' KiB'],
  [1, ' B'],
];
const DECBYTES: [number, string][] = [
  [1e12, ' TB'],
  [1e9, ' GB'],
  [1e6, ' MB'],
  [1e3, ' kB'],
  [1, ' B'],
];

/** A per-second rate unit: the short-scaled number and the suffix. */
const RATE_SUFFIX: Record<string, string> = { reqps: ' req/s', rps: ' req/s', ops: ' ops/s', wps: ' wps', iops: ' io/s', cps: ' c/s' };

/** Formats `v` in `unit` with `decimals` (auto when undefined). */
export function formatValue(v: number, unit: string | undefined, decimals?: number | null): string {
  const d = decimals ?? undefined;
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : '-Inf';
  const u = unit ?? 'short';
  if (u.startsWith('suffix:')) return `${fixed(v, d)}${u.slice(7)}`;
  if (u.startsWith('prefix:')) return `${u.slice(7)}${fixed(v, d)}`;
  if (RATE_SUFFIX[u]) return `${scaled(v, SHORT, d)}${RATE_SUFFIX[u]}`;
  switch (u) {
    case 'none':
      return fixed(v, d);
    case 'short':
      return scaled(v, SHORT, d);
    case 'percent':
      return `${fixed(v, d)}%`;
    case 'percentunit':
      return `${fixed(v * 100, d)}%`;
    case 's':
      return scaled(v, SECONDS, d);
    case 'ms':
      return scaled(v / 1e3, SECONDS, d);
    case 'µs':
    case 'us':
      return scaled(v / 1e6, SECONDS, d);
    case 'ns':
      return scaled(v / 1e9, SECONDS, d);
    case 'bytes':
      return scaled(v, BYTES, d);
    case 'decbytes':
      return scaled(v, DECBYTES, d);
    case 'currencyUSD':
      return `${v < 0 ? '-' : ''}$${scaled(Math.abs(v), SHORT, d ?? 2)}`;
    case 'bool':
      return v === 0 ? 'false' : 'true';
    default:
      return `${scaled(v, SHORT, d)} ${u}`;
  }
}
