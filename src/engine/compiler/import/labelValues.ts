import type { LabelValues } from '../../../library/labels.js';
import { matchesLabel } from '../../goregexp/index.js';
import type { LabelMatcher } from '../../../library/promql/ast.js';
import { regexSamples } from '../../synthesis/universe.js';

/**
 * Status codes a web exporter commonly reports: the closed set written for a `code` label
 * whose matchers name HTTP codes (`code=~"5.."`), so a test can pick a failing code and a
 * succeeding one, and a later `where({ code: '404' })` type-checks.
 */
const HTTP_CODES = ['200', '201', '204', '301', '302', '304', '400', '401', '403', '404', '409', '429', '500', '502', '503', '504'];
const HTTP_CODE = /^[1-5]\d\d$/;

/** `(5..|429)` → `5..|429`: a group around the whole pattern hides its alternatives from regexSamples. */
function unwrap(pattern: string): string {
  let p = pattern.replace(/^\^|\$$/g, '');
  while (p.startsWith('(') && p.endsWith(')') && balancedInside(p)) p = p.slice(1, -1);
  return p;
}

/** Whether the parentheses at both ends of `p` are one pair (not `(a)|(b)`). */
function balancedInside(p: string): boolean {
  let depth = 0;
  for (let i = 0; i < p.length; i++) {
    if (p[i] === '\\') i++;
    else if (p[i] === '(') depth++;
    else if (p[i] === ')' && --depth === 0 && i < p.length - 1) return false;
  }
  return true;
}

/** Strings a matcher's pattern matches, as far as a simple reading of it finds them. */
function samplesOf(m: LabelMatcher): string[] {
  if (m.op === '=' || m.op === '!=') return [m.value];
  return regexSamples(unwrap(m.value)).filter((s) => s !== '');
}

/** Values that are no sample of any pattern, for what the samples cannot provide. */
function spares(label: string): string[] {
  return ['other', `other_${label}`, 'none'];
}

/**
 * The values to declare for a label of a metric the import declares, given the matchers each
 * selector of the metric puts on it (one list per selector). A label no selector matches on
 * (it is only grouped by) stays `'open'`. Otherwise the set is closed and holds, for every
 * selector, a value it selects and a value it does not: test synthesis picks label values
 * from a closed set, and needs both to have good and bad events. `'open'` is the answer only
 * when no value a selector selects can be found: tests of such a selector are then skipped,
 * and generate says so.
 */
export function declaredValues(label: string, uses: readonly (readonly LabelMatcher[])[]): LabelValues {
  const constrained = uses.filter((ms) => ms.length > 0);
  if (constrained.length === 0) return 'open';
  const samples = [...new Set(constrained.flatMap((ms) => ms.flatMap(samplesOf)))];
  const codes = samples.length > 0 && samples.every((s) => HTTP_CODE.test(s));
  const values = codes ? [...new Set([...HTTP_CODES, ...samples])].sort() : samples;
  const selects = (ms: readonly LabelMatcher[], v: string) => ms.every((m) => matchesLabel(m, v));
  // `code!="200"` selects what its sample is not: a spare value may be the one it selects.
  for (const ms of constrained) {
    if (values.some((v) => selects(ms, v))) continue;
    const spare = spares(label).find((v) => !values.includes(v) && selects(ms, v));
    if (spare === undefined) return 'open';
    values.push(spare);
  }
  for (const ms of constrained) {
    if (values.some((v) => !selects(ms, v))) continue;
    const spare = spares(label).find((v) => !values.includes(v) && !selects(ms, v));
    if (spare === undefined) return 'open';
    values.push(spare);
  }
  return values;
}
