/**
 * The slice of Go's time package reachable from alert templates: `toTime` returns a UTC
 * `*time.Time`, `humanizeTimestamp` prints one, and templates may call its methods
 * (`(toTime $value).Format "2006-01-02"`). Times are kept as Unix nanoseconds (bigint).
 */

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export interface Civil {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  nanosecond: number;
  weekday: number;
  yearDay: number;
}

const floorDiv = (a: bigint, b: bigint): bigint => {
  const q = a / b;
  return (a % b !== 0n && (a < 0n) !== (b < 0n)) ? q - 1n : q;
};

/** Splits Unix nanoseconds into UTC calendar fields (proleptic Gregorian, like Go). */
export function civil(unixNano: bigint): Civil {
  const sec = floorDiv(unixNano, 1_000_000_000n);
  const nanosecond = Number(unixNano - sec * 1_000_000_000n);
  const days = Number(floorDiv(sec, 86400n));
  const secOfDay = Number(sec - BigInt(days) * 86400n);
  // Days-to-civil conversion anchored at 0000-03-01 so leap days fall at the end of a year.
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const cumulative = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
  const yearDay = (cumulative[month - 1] ?? 0) + day + (leap && month > 2 ? 1 : 0);
  return {
    year,
    month,
    day,
    hour: Math.floor(secOfDay / 3600),
    minute: Math.floor(secOfDay / 60) % 60,
    second: secOfDay % 60,
    nanosecond,
    weekday: (((days + 4) % 7) + 7) % 7,
    yearDay,
  };
}

export const monthName = (m: number): string => MONTHS[m - 1] ?? `%!Month(${m})`;
export const weekdayName = (d: number): string => DAYS[d] ?? `%!Weekday(${d})`;

const pad = (n: number, width: number, fill = '0'): string => {
  const s = String(Math.abs(n)).padStart(width, fill);
  return n < 0 ? '-' + s : s;
};

/** One layout element of Go's reference time "Mon Jan 2 15:04:05 MST 2006". */
interface Chunk {
  literal: string;
  std?: string;
  digits?: number;
}

const isDigit = (s: string, i: number): boolean => i < s.length && s[i]! >= '0' && s[i]! <= '9';

/** Splits a Go layout into literals and std elements, with Go's prefix-matching rules. */
function chunks(layout: string): Chunk[] {
  const out: Chunk[] = [];
  let lit = '';
  let i = 0;
  const emit = (std: string, len: number, digits?: number) => {
    out.push({ literal: lit, std, digits });
    lit = '';
    i += len;
  };
  const at = (s: string) => layout.startsWith(s, i);
  while (i < layout.length) {
    const c = layout[i]!;
    if (c === 'J' && at('Jan')) emit(at('January') ? 'January' : 'Jan', at('January') ? 7 : 3);
    else if (c === 'M' && at('Mon')) emit(at('Monday') ? 'Monday' : 'Mon', at('Monday') ? 6 : 3);
    else if (c === 'M' && at('MST')) emit('MST', 3);
    else if (c === '0' && i + 1 < layout.length && layout[i + 1]! >= '1' && layout[i + 1]! <= '6')
      emit('0' + layout[i + 1], 2);
    else if (c === '0' && at('002')) emit('002', 3);
    else if (c === '1') emit(at('15') ? '15' : '1', at('15') ? 2 : 1);
    else if (c === '2') emit(at('2006') ? '2006' : '2', at('2006') ? 4 : 1);
    else if (c === '_' && at('_2')) {
      if (at('_2006')) {
        lit += '_';
        i++;
        emit('2006', 4);
      } else emit('_2', 2);
    } else if (c === '_' && at('__2')) emit('__2', 3);
    else if (c === '3' || c === '4' || c === '5') emit(c, 1);
    else if (c === 'P' && at('PM')) emit('PM', 2);
    else if (c === 'p' && at('pm')) emit('pm', 2);
    else if ((c === '-' || c === 'Z') && ['070000', '07:00:00', '0700', '07:00', '07'].some((z) => at(c + z))) {
      const z = ['070000', '07:00:00', '0700', '07:00', '07'].find((s) => at(c + s))!;
      emit(c + z, z.length + 1);
    } else if ((c === '.' || c === ',') && (layout[i + 1] === '0' || layout[i + 1] === '9')) {
      const ch = layout[i + 1]!;
      let j = i + 1;
      while (j < layout.length && layout[j] === ch) j++;
      if (!isDigit(layout, j)) emit(c + ch, j - i, j - i - 1);
      else {
        lit += c;
        i++;
      }
    } else {
      lit += c;
      i++;
    }
  }
  out.push({ literal: lit });
  return out;
}

/** time.Time.Format for a UTC time. */
export function formatLayout(unixNano: bigint, layout: string): string {
  const t = civil(unixNano);
  let out = '';
  for (const { literal, std, digits } of chunks(layout)) {
    out += literal;
    if (std) out += formatStd(t, std, digits ?? 0);
  }
  return out;
}

function formatStd(t: Civil, std: string, digits: number): string {
  const hour12 = t.hour % 12 === 0 ? 12 : t.hour % 12;
  switch (std) {
    case 'January':
      return monthName(t.month);
    case 'Jan':
      return monthName(t.month).slice(0, 3);
    case '1':
      return String(t.month);
    case '01':
      return pad(t.month, 2);
    case 'Monday':
      return weekdayName(t.weekday);
    case 'Mon':
      return weekdayName(t.weekday).slice(0, 3);
    case '2':
      return String(t.day);
    case '_2':
      return pad(t.day, 2, ' ');
    case '02':
      return pad(t.day, 2);
    case '__2':
      return pad(t.yearDay, 3, ' ');
    case '002':
      return pad(t.yearDay, 3);
    case '15':
      return pad(t.hour, 2);
    case '3':
      return String(hour12);
    case '03':
      return pad(hour12, 2);
    case '4':
      return String(t.minute);
    case '04':
      return pad(t.minute, 2);
    case '5':
      return String(t.second);
    case '05':
      return pad(t.second, 2);
    case '2006':
      return pad(t.year, 4);
    case '06':
      return pad(((t.year % 100) + 100) % 100, 2);
    case 'PM':
      return t.hour >= 12 ? 'PM' : 'AM';
    case 'pm':
      return t.hour >= 12 ? 'pm' : 'am';
    case 'MST':
      return 'UTC';
  }
  if (std[0] === 'Z') return 'Z';
  if (std[0] === '-') return { '-070000': '+000000', '-07:00:00': '+00:00:00', '-0700': '+0000', '-07:00': '+00:00', '-07': '+00' }[std] ?? '';
  const frac = String(t.nanosecond).padStart(9, '0').slice(0, digits);
  if (std[1] === '0') return std[0] + frac;
  const trimmed = frac.replace(/0+$/, '');
  return trimmed ? std[0] + trimmed : '';
}

/** time.Time.String(), which is how Prometheus prints `humanizeTimestamp` and `toTime`. */
export function formatTime(unixNano: bigint): string {
  return formatLayout(unixNano, '2006-01-02 15:04:05.999999999 -0700 MST');
}

/** The (wall, ext, loc) fields fmt shows for a *time.Time under a numeric verb. */
export function timeStructFields(unixNano: bigint): bigint[] {
  const sec = floorDiv(unixNano, 1_000_000_000n);
  return [unixNano - sec * 1_000_000_000n, sec + 62135596800n, 0n];
}

/** Bounds of Go's int64, which conversions from float64 overflow in Go-specific ways. */
export const MAX_INT64 = (1n << 63n) - 1n;
export const MIN_INT64 = -(1n << 63n);
