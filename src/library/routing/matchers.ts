import type { LabelRegexps } from '../semantics.js';
import { toMatchers, type MatcherValue } from '../promql/builder/selector.js';

/**
 * Which alerts a route or an inhibition side takes, by label: a value (equality), a list of
 * values (any of them), or `re()`, `not()`, `notRe()` as in queries. A missing label reads
 * as "", as Alertmanager reads it.
 * @example
 * { severity: 'page', team: ['ai-platform', 'finops'], alertname: not('Watchdog') }
 */
export type RouteMatchers = Readonly<Record<string, string | readonly string[] | MatcherValue>>;

/** One matcher in Alertmanager's terms. */
export interface AlertMatcher {
  name: string;
  op: '=' | '!=' | '=~' | '!~';
  value: string;
}

/** The same shapes as a query selector's matchers, so they convert the same way. */
export function toAlertMatchers(matchers: RouteMatchers | undefined): AlertMatcher[] {
  return toMatchers(matchers ?? {});
}

/** `name="value"` in the matcher syntax of Alertmanager's config (0.22+), value escaped. */
export function formatMatcher(m: AlertMatcher): string {
  return `${m.name}${m.op}"${m.value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

/** Whether a label set satisfies every matcher; regexes are Go's, anchored, as Alertmanager runs them. */
export function matchesAll(matchers: readonly AlertMatcher[], labels: Readonly<Record<string, string>>, regexps: LabelRegexps): boolean {
  return matchers.every((m) => regexps.matches({ op: m.op, value: m.value }, labels[m.name] ?? ''));
}
