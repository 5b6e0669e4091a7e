/** Text for people: durations, seconds on the plot's axis, shares, file names. */

/**
 * A duration in ms as a person reads it: "850 ms", "42.5 s", "3m 20s", "2h 05m", "3d 4h".
 * Rounded, so it is for display only; the JSON keeps the milliseconds.
 */
export function humanDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  const sign = ms < 0 ? '-' : '';
  const a = Math.abs(ms);
  if (a < 1000) return `${sign}${Math.round(a)} ms`;
  if (a < 60_000) return `${sign}${trim(a / 1000, a < 10_000 ? 2 : 1)} s`;
  const s = Math.round(a / 1000);
  if (s < 3600) return `${sign}${Math.floor(s / 60)}m ${pad(s % 60)}s`;
  const m = Math.round(s / 60);
  if (m < 24 * 60) return `${sign}${Math.floor(m / 60)}h ${pad(m % 60)}m`;
  const h = Math.round(m / 60);
  return `${sign}${Math.floor(h / 24)}d ${h % 24}h`;
}

/** Compact duration for axis ticks: "45s", "5m", "1h30m", "2d". */
export function shortDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s === 0) return '0';
  const parts: string[] = [];
  let rest = s;
  for (const [unit, size] of [['d', 86_400], ['h', 3600], ['m', 60], ['s', 1]] as const) {
    const q = Math.floor(rest / size);
    if (q > 0) parts.push(`${q}${unit}`);
    rest -= q * size;
  }
  // Two units are enough on an axis: "1h30m", not "1h30m12s".
  return parts.slice(0, 2).join('');
}

/** A share 0..1 as a percentage with up to one decimal: "12.5%". */
export function percent(share: number): string {
  return `${trim(share * 100, 1)}%`;
}

/** The scenario's name as a file name: letters, digits, dot, dash and underscore kept, the rest a dash. */
export function fileStem(scenario: string): string {
  const stem = scenario.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '');
  return stem || 'scenario';
}

function trim(v: number, digits: number): string {
  return Number(v.toFixed(digits)).toString();
}

function pad(v: number): string {
  return v.toString().padStart(2, '0');
}
