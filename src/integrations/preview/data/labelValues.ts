/**
 * The label values synthetic series carry. A closed label takes its declared values; an open
 * one (provider, model, team) takes the literal values the project's queries match on, so a
 * panel that asks for `provider="openai"` finds it, and two made-up values otherwise.
 */
import type { LabelValues } from '../../../library/labels.js';

/** At most this many values of an open label: each one multiplies a metric's series. */
const OPEN_VALUES = 3;

/** `name="value"` and `name=~"a|b"` in PromQL text (rule expressions, panel queries). */
const MATCHER = /([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|=)\s*"((?:[^"\\]|\\.)*)"/g;
/** A value an equality matcher names: no Grafana variables. */
const LITERAL = /^[a-zA-Z0-9_.:/-]+$/;
/** An alternative a regex matcher spells out literally: no metacharacters (`5..` is a pattern, not a value). */
const REGEX_LITERAL = /^[a-zA-Z0-9_:/-]+$/;

/** Literal values each label is matched on somewhere in `queries`. */
export function matchedValues(queries: Iterable<string>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const q of queries) {
    for (const [, label, op, raw] of q.matchAll(MATCHER)) {
      const alternatives = op === '=' ? [raw!] : raw!.split('|');
      for (const v of alternatives) {
        if (!(op === '=' ? LITERAL : REGEX_LITERAL).test(v)) continue;
        if (!out.has(label!)) out.set(label!, new Set());
        out.get(label!)!.add(v);
      }
    }
  }
  return out;
}

/** The values a label of a metric is synthesized with. */
export function valuesOf(label: string, declared: LabelValues, matched: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  if (declared !== 'open') return [...declared];
  const seen = [...(matched.get(label) ?? [])].sort().slice(0, OPEN_VALUES);
  return seen.length > 0 ? seen : [`${label}-a`, `${label}-b`];
}
