import { UnsupportedError } from './errors.js';

/**
 * PromQL's calendar functions, in UTC. Go truncates the float timestamp to whole seconds
 * (toward zero) before building the time; the same is done here.
 */

export { DATE_FUNCTIONS } from '../../library/promql/ast.js';

/** JavaScript dates end at ±8.64e15 ms; Go's go much further, so refuse rather than guess. */
const MAX_SECONDS = 8.64e12;

/** Date.UTC without its mapping of years 0–99 to 1900–1999. */
function utc(year: number, month: number, day: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month, day);
  return d.getTime();
}

export function dateFunction(func: string, timestampSeconds: number): number {
  const seconds = Math.trunc(timestampSeconds);
  if (!Number.isFinite(seconds) || Math.abs(seconds) > MAX_SECONDS) {
    throw new UnsupportedError(`${func} of timestamp ${timestampSeconds}`);
  }
  const d = new Date(seconds * 1000);
  switch (func) {
    case 'day_of_month':
      return d.getUTCDate();
    case 'day_of_week':
      return d.getUTCDay();
    case 'day_of_year': {
      const startOfYear = utc(d.getUTCFullYear(), 0, 1);
      const startOfDay = utc(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
      return (startOfDay - startOfYear) / 86_400_000 + 1;
    }
    case 'days_in_month':
      return new Date(utc(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
    case 'hour':
      return d.getUTCHours();
    case 'minute':
      return d.getUTCMinutes();
    case 'month':
      return d.getUTCMonth() + 1;
    case 'year':
      return d.getUTCFullYear();
    default:
      throw new UnsupportedError(func);
  }
}
