/**
 * Methods reachable from templates through field syntax, e.g. `(toTime $value).Format "15:04"`.
 * Only `*time.Time` (from `toTime`) and its Month/Weekday results have methods here.
 */
import type { GoFunc } from './callable.js';
import { civil, formatLayout, formatTime, monthName, weekdayName } from './goTime.js';
import type { GoValue } from './values.js';

const int = (value: bigint | number, type: 'int' | 'int64' = 'int'): GoValue => ({ kind: 'int', value: BigInt(value), type });

const floorDiv = (a: bigint, b: bigint) => (a >= 0n ? a / b : -((-a + b - 1n) / b));

function timeMethods(ns: bigint): Record<string, () => GoValue> {
  const c = () => civil(ns);
  return {
    Unix: () => int(floorDiv(ns, 1_000_000_000n), 'int64'),
    UnixMilli: () => int(floorDiv(ns, 1_000_000n), 'int64'),
    UnixMicro: () => int(floorDiv(ns, 1_000n), 'int64'),
    UnixNano: () => int(ns, 'int64'),
    Year: () => int(c().year),
    Day: () => int(c().day),
    Hour: () => int(c().hour),
    Minute: () => int(c().minute),
    Second: () => int(c().second),
    Nanosecond: () => int(c().nanosecond),
    YearDay: () => int(c().yearDay),
    Month: () => ({ kind: 'named', type: 'time.Month', value: c().month, name: monthName(c().month) }),
    Weekday: () => ({ kind: 'named', type: 'time.Weekday', value: c().weekday, name: weekdayName(c().weekday) }),
    String: () => ({ kind: 'string', value: formatTime(ns) }),
    IsZero: () => ({ kind: 'bool', value: ns === -62135596800n * 1_000_000_000n }),
    UTC: () => ({ kind: 'time', unixNano: ns }),
  };
}

/** The method `name` of v, as a GoFunc, if v's Go type has one. */
export function methodOf(v: GoValue, name: string): GoFunc | undefined {
  if (v.kind === 'named' && name === 'String') return { params: [], call: () => ({ kind: 'string', value: v.name }) };
  if (v.kind !== 'time') return undefined;
  if (name === 'Format') {
    return {
      params: ['string'],
      call: (a) => ({ kind: 'string', value: formatLayout(v.unixNano, a[0]?.kind === 'string' ? a[0].value : '') }),
    };
  }
  const m = timeMethods(v.unixNano)[name];
  return m ? { params: [], call: () => m() } : undefined;
}
