import { query } from './prometheus.js';

/**
 * Checks that the measurement measured what it claims: the backfilled history and the live
 * series are one series each (a label mismatch would double them, and halve what the long
 * windows read), and the period ratio computed over the history matches the traffic's.
 */

/** Problems found, one line each; none when every recorded series joined its history. */
export async function joinedSeries(url: string, setName: string, expected: ReadonlyMap<string, number>, names: Iterable<string>, range: string, time: number): Promise<string[]> {
  const problems: string[] = [];
  for (const name of names) {
    const want = expected.get(name) ?? 0;
    const got = (await query(url, `count(last_over_time(${name}[${range}]))`, time))[0]?.value ?? 0;
    if (got !== want) problems.push(`${setName}: ${name} has ${got} series, the history wrote ${want} (live and backfilled series did not join)`);
  }
  return problems;
}

export interface RatioError {
  series: number;
  meanAbsRelError: number;
  maxAbsRelError: number;
}

/** How far `expr` (one period ratio per SLO series) at `time` is from the exact ratios. */
export async function periodRatioError(
  url: string,
  expr: string,
  time: number,
  exact: ReadonlyMap<string, number>,
  keyOf: (labels: Record<string, string>) => string,
): Promise<RatioError> {
  const errors = (await query(url, expr, time)).map((s) => {
    const want = exact.get(keyOf(s.metric));
    if (want === undefined) throw new Error(`${expr} returned a series the traffic has no ratio for: ${JSON.stringify(s.metric)}`);
    return Math.abs(s.value / want - 1);
  });
  return { series: errors.length, meanAbsRelError: errors.reduce((a, b) => a + b, 0) / errors.length, maxAbsRelError: Math.max(...errors) };
}
