import { windowName } from '../../../../library/slo/conventions.js';
import { IMPORT_CODES, type SpecFile, type Where } from '../specFile.js';
import { below } from './fields.js';

/** lookout's period when an SLO gives no time window (Sloth's default too). */
export const DEFAULT_PERIOD = '30d';

const MINUTE = 60_000;
const DAY = 24 * 3600_000;
/** OpenSLO v1's duration-shorthand units with a fixed length; months and quarters have none. */
const SHORTHAND_MS: Readonly<Record<string, number>> = { m: MINUTE, h: 60 * MINUTE, d: DAY, w: 7 * DAY, Y: 365 * DAY };
/** OpenSLO v1alpha's time window units, the same way. */
const UNIT_MS: Readonly<Record<string, number>> = { Second: 1000, Minute: MINUTE, Hour: 60 * MINUTE, Day: DAY, Week: 7 * DAY, Year: 365 * DAY };
const NO_FIXED_LENGTH = new Set(['M', 'Q', 'Month', 'Quarter']);

/**
 * A duration shorthand (`28d`, `1h`) in milliseconds; reported and undefined when it is not
 * one, or is counted in months or quarters, which have no fixed length.
 */
export function shorthandMs(file: SpecFile, where: Where, text: string): number | undefined {
  const m = /^(\d+)([a-zA-Z])$/.exec(text.trim());
  if (!m) {
    file.error(where, `"${text}" is not a duration shorthand such as 5m, 1h, 28d or 4w`);
    return undefined;
  }
  if (NO_FIXED_LENGTH.has(m[2]!)) {
    file.report('error', IMPORT_CODES.unsupported, where, `${text}: months and quarters have no fixed length`, 'give the window in days or weeks (30d, 4w)');
    return undefined;
  }
  const unit = SHORTHAND_MS[m[2]!];
  if (unit === undefined) {
    file.error(where, `"${text}": ${m[2]} is not a duration unit (m, h, d, w, M, Q, Y)`);
    return undefined;
  }
  return Number(m[1]) * unit;
}

/** A calendar-aligned window becomes a rolling one, and the import says so. */
function rolling(file: SpecFile, where: Where, ms: number, calendarAligned: boolean): string {
  const period = windowName(ms);
  if (calendarAligned) file.report('warning', IMPORT_CODES.changed, where, `the calendar-aligned window is imported as a rolling ${period} window`, 'lookout SLOs use rolling windows');
  return period;
}

/** v1 `timeWindow[0]`: `duration` shorthand, `isRolling`, `calendar`. */
export function v1Period(file: SpecFile, where: Where, window: { duration: string; isRolling?: boolean | undefined; calendar?: unknown } | undefined): string | undefined {
  if (!window) return DEFAULT_PERIOD;
  const ms = shorthandMs(file, below(where, 'duration'), window.duration);
  return ms === undefined ? undefined : rolling(file, where, ms, window.isRolling === false || window.calendar !== undefined);
}

/** v1alpha `timeWindows[0]`: `count` of a `unit` (Day, Week, ...), `isRolling`, `calendar`. */
export function v1alphaPeriod(file: SpecFile, where: Where, window: { count: number; unit: string; isRolling?: boolean | undefined; calendar?: unknown } | undefined): string | undefined {
  if (!window) return DEFAULT_PERIOD;
  if (NO_FIXED_LENGTH.has(window.unit)) {
    file.report('error', IMPORT_CODES.unsupported, below(where, 'unit'), `a window of ${window.count} ${window.unit}: months and quarters have no fixed length`, 'give the window in days or weeks (unit: Day, count: 30)');
    return undefined;
  }
  const unit = UNIT_MS[window.unit];
  if (unit === undefined) {
    file.error(below(where, 'unit'), `"${window.unit}" is not a time window unit`, `OpenSLO v1alpha units: ${Object.keys(UNIT_MS).join(', ')}, Month, Quarter`);
    return undefined;
  }
  return rolling(file, where, window.count * unit, window.isRolling === false || window.calendar !== undefined);
}
