/**
 * Prometheus durations ("30s", "5m", "1h30m", "7d") as written in rules and queries.
 * Internally every duration is a whole number of milliseconds.
 */

/** A unit Prometheus accepts in a duration. */
export type DurationUnit = 'ms' | 's' | 'm' | 'h' | 'd' | 'w' | 'y';

/**
 * A Prometheus duration literal such as `"5m"` or `"1h30m"`. The type rejects obvious
 * mistakes ("5 minutes", "5"); the compiler parses every value again and names the field
 * when one is still wrong.
 */
export type Duration = `${number}${DurationUnit}` | `${number}${DurationUnit}${number}${DurationUnit}`;

const UNIT_MS: Record<DurationUnit, number> = {
  y: 365 * 24 * 3600 * 1000,
  w: 7 * 24 * 3600 * 1000,
  d: 24 * 3600 * 1000,
  h: 3600 * 1000,
  m: 60 * 1000,
  s: 1000,
  ms: 1,
};

/** Units from largest to smallest, in the order Prometheus requires them in a literal. */
const UNIT_ORDER: DurationUnit[] = ['y', 'w', 'd', 'h', 'm', 's', 'ms'];

const PART = /(\d+)(ms|y|w|d|h|m|s)/y;

/** Parses a duration literal to milliseconds; returns undefined when it is not one. */
export function parseDuration(text: string): number | undefined {
  if (text === '0') return 0;
  if (text.length === 0) return undefined;
  let total = 0;
  let lastRank = -1;
  PART.lastIndex = 0;
  while (PART.lastIndex < text.length) {
    const start = PART.lastIndex;
    const match = PART.exec(text);
    if (!match || match.index !== start) return undefined;
    const unit = match[2] as DurationUnit;
    const rank = UNIT_ORDER.indexOf(unit);
    // Prometheus rejects "5m1h": units must be written largest first, each once.
    if (rank <= lastRank) return undefined;
    lastRank = rank;
    total += Number(match[1]) * UNIT_MS[unit];
  }
  return total;
}

/** Parses a duration literal or throws a message naming the bad value. */
export function durationMs(text: string): number {
  const ms = parseDuration(text);
  if (ms === undefined) throw new Error(`"${text}" is not a Prometheus duration (for example 30s, 5m, 1h30m)`);
  return ms;
}

/** Formats milliseconds the way Prometheus prints a duration: "1h30m", "1d", "0s". */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  let rest = Math.round(ms);
  let out = '';
  for (const unit of UNIT_ORDER) {
    const size = UNIT_MS[unit];
    const count = Math.floor(rest / size);
    if (count > 0) {
      out += `${count}${unit}`;
      rest -= count * size;
    }
  }
  return out;
}
