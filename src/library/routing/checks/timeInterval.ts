import { defineCheck } from '../../diagnostics/check.js';
import type { TimeRange } from '../define.js';
import type { RoutingFinding } from './context.js';

export const routingTimeIntervalRange = defineCheck({
  id: 'routing/time-interval',
  severity: 'error',
  title: 'Time intervals use ranges and time zones Alertmanager accepts',
  why: 'amtool check-config and Alertmanager refuse a time range that ends before it starts, an unknown weekday or month, a day of the month out of range or a location that is not an IANA time zone; the whole config fails to load.',
  refusedBy: 'Alertmanager',
});

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
/** Go's strconv.Atoi, which Alertmanager parses days and years with. */
const INTEGER = /^[+-]?\d+$/;

function minutes(clock: string): number {
  const [h, m] = clock.split(':').map(Number);
  return h! * 60 + m!;
}

/**
 * Whether Go's time.LoadLocation, which Alertmanager uses, knows the zone. It reads the tz
 * database by exact, case-sensitive name and knows "UTC" and "Local" itself; Intl knows the same
 * database but folds case (it takes "utc"), so every part of the name must also start with a
 * capital letter, as every tz database name does.
 */
export function isGoLocation(name: string): boolean {
  if (name === '' || name === 'UTC' || name === 'Local') return true;
  if (!name.split('/').every((part) => /^[A-Z]/.test(part))) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** `a` or `a:b` as Alertmanager splits it; undefined when it has more parts. */
function range(text: string): [string, string] | undefined {
  const parts = text.split(':');
  if (parts.length === 1) return [parts[0]!, parts[0]!];
  return parts.length === 2 ? [parts[0]!, parts[1]!] : undefined;
}

type Parse = (token: string) => number | string;

function named(names: readonly string[], what: string, numbers: boolean): Parse {
  return (token) => {
    const i = names.indexOf(token.toLowerCase());
    if (i >= 0) return numbers ? i + 1 : i;
    if (numbers && INTEGER.test(token)) return Number(token);
    return `"${token}" is not a valid ${what}`;
  };
}

const integer: Parse = (token) => (INTEGER.test(token) ? Number(token) : `"${token}" is not a number`);

/** Problems in one list (weekdays, months, years): each entry parses and no range runs backwards. */
function listFindings(entries: readonly string[] | undefined, path: string, parse: Parse, what: string): RoutingFinding[] {
  const out: RoutingFinding[] = [];
  for (const entry of entries ?? []) {
    const bounds = range(entry);
    if (!bounds) {
      out.push({ path, message: `"${entry}" is not a ${what} or a range start:end` });
      continue;
    }
    const [start, end] = bounds.map(parse) as [number | string, number | string];
    const bad = [start, end].find((b): b is string => typeof b === 'string');
    if (bad) out.push({ path, message: bad });
    else if (start > end) out.push({ path, message: `the range "${entry}" ends before it starts` });
  }
  return out;
}

/** Days of the month: 1..31 or -31..-1 counted from the end, as Alertmanager bounds them. */
function dayFindings(entries: readonly string[] | undefined, path: string): RoutingFinding[] {
  const out: RoutingFinding[] = [];
  for (const entry of entries ?? []) {
    const bounds = range(entry);
    const [start, end] = (bounds ?? ['x', 'x']).map(integer) as [number | string, number | string];
    if (typeof start === 'string' || typeof end === 'string') {
      out.push({ path, message: `"${entry}" is not a day of the month or a range start:end` });
      continue;
    }
    const outside = [start, end].find((d) => d === 0 || d < -31 || d > 31);
    if (outside !== undefined) out.push({ path, message: `${outside} is not a day of the month (1 to 31, or -31 to -1 from the month's end)` });
    else if (start < 0 && end > 0) out.push({ path, message: `the range "${entry}" starts from the month's end and ends from its start`, hint: 'when the start day is negative, the end day must be too' });
    // Alertmanager compares negative days as in a 28-day month: a range backwards in February is refused.
    else if ((start < 0 ? 28 + start : start) > (end < 0 ? 28 + end : end)) out.push({ path, message: `the range "${entry}" ends before it starts (in a 28-day month)` });
  }
  return out;
}

/** What Alertmanager refuses in one time range of an interval. */
export function timeRangeFindings(t: TimeRange, path: string): RoutingFinding[] {
  const out: RoutingFinding[] = [];
  t.times?.forEach((x, i) => {
    if (minutes(x.start) >= minutes(x.end)) {
      out.push({ path: `${path}.times[${i}]`, message: `${x.start}–${x.end} ends before it starts (or is empty)`, hint: 'a range over midnight is two ranges: { start: "22:00", end: "24:00" } and { start: "00:00", end: "06:00" }' });
    }
  });
  out.push(...listFindings(t.weekdays, `${path}.weekdays`, named(WEEKDAYS, 'weekday', false), 'weekday'));
  out.push(...dayFindings(t.daysOfMonth, `${path}.daysOfMonth`));
  out.push(...listFindings(t.months, `${path}.months`, named(MONTHS, 'month', true), 'month'));
  out.push(...listFindings(t.years, `${path}.years`, integer, 'year'));
  if (t.location !== undefined && !isGoLocation(t.location)) {
    out.push({ path: `${path}.location`, message: `"${t.location}" is not a time zone of the IANA database`, hint: 'use a name such as Europe/London or America/New_York (case matters), or UTC' });
  }
  return out;
}
