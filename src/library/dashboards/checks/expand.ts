import { formatDuration } from '../../duration.js';

/**
 * Grafana variables in a panel query, replaced by values that parse, so the query can be
 * checked like any other: the range variables by durations (`$__rate_interval` by one a few
 * milliseconds longer than four scrapes, which tells it apart from a window written by hand),
 * a variable inside a string (a matcher value) by `.*`, any other by `1`.
 */
export interface ExpandedQuery {
  /** The query with every variable replaced. */
  text: string;
  /** Names of the variables referenced, without `$` and format. */
  variables: string[];
  /** Maps an offset in `text` back to the query as written, for underlining. */
  toOriginal(offset: number): number;
}

/** Added to a range variable's duration so a check can recognise it in the parsed query. */
const MARK_MS = 7;

/** The range `$__rate_interval` expands to when the scrape interval is `scrapeIntervalMs`. */
export function rateIntervalMs(scrapeIntervalMs: number): number {
  return 4 * scrapeIntervalMs + MARK_MS;
}

/** The range `$__range` expands to: a day, marked. */
export const RANGE_MS = 24 * 3600_000 + MARK_MS;

const VARIABLE = /\$\{(\w+)(?::[^}]*)?\}|\$(\w+)|\[\[(\w+)(?::[^\]]*)?\]\]/y;

export function expandVariables(text: string, scrapeIntervalMs: number): ExpandedQuery {
  const outside: Record<string, string> = {
    __rate_interval: formatDuration(rateIntervalMs(scrapeIntervalMs)),
    __interval: formatDuration(scrapeIntervalMs + MARK_MS),
    __range: formatDuration(RANGE_MS),
    __range_s: '86400',
    __range_ms: '86400000',
    __interval_ms: String(scrapeIntervalMs),
  };
  const edits: { from: number; to: number; newFrom: number; newTo: number }[] = [];
  const variables: string[] = [];
  let out = '';
  let quote: string | undefined;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\' && quote !== '`') {
        out += text.slice(i, i + 2);
        i += 2;
        continue;
      }
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'" || c === '`') {
      quote = c;
    }
    if (c === '$' || (c === '[' && text[i + 1] === '[')) {
      VARIABLE.lastIndex = i;
      const m = VARIABLE.exec(text);
      if (m) {
        const name = (m[1] ?? m[2] ?? m[3])!;
        variables.push(name);
        const value = quote ? '.*' : (outside[name] ?? '1');
        edits.push({ from: i, to: i + m[0].length, newFrom: out.length, newTo: out.length + value.length });
        out += value;
        i += m[0].length;
        continue;
      }
    }
    out += c;
    i++;
  }
  const toOriginal = (offset: number): number => {
    let delta = 0;
    for (const e of edits) {
      if (offset < e.newFrom) break;
      if (offset < e.newTo) return e.from;
      delta = e.to - e.newTo;
    }
    return offset + delta;
  };
  return { text: out, variables, toOriginal };
}
