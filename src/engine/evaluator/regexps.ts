import {
  compileAnchored,
  matchesLabel,
  RegexpSyntaxError,
  RegexpUnsupportedError,
  type GoRegexp,
  type LabelMatch,
} from '../goregexp/index.js';
import { EvaluationError, UnsupportedError } from './errors.js';

/**
 * The evaluator's view of Go regexps (shared with the template functions in ../goregexp): a
 * regexp Prometheus rejects is an EvaluationError carrying Prometheus's own text, and one
 * lookout cannot reproduce exactly is an UnsupportedError, never a guessed result.
 */

/**
 * A `=~`/`!~` matcher. Prometheus rejects a bad regexp while parsing the query and prints
 * `1:4: parse error: ` before Go's message; the evaluator has no query position, so it
 * reports Go's message alone.
 */
export function labelMatches(matcher: LabelMatch, value: string): boolean {
  try {
    return matchesLabel(matcher, value);
  } catch (e) {
    if (e instanceof RegexpSyntaxError) throw new EvaluationError(e.message);
    throw unsupported(e);
  }
}

/** label_replace's regexp; Prometheus names the function and quotes the pattern, not Go's error. */
export function labelReplaceRegexp(pattern: string): GoRegexp {
  try {
    return compileAnchored(pattern);
  } catch (e) {
    if (e instanceof RegexpSyntaxError) throw new EvaluationError(`invalid regular expression in label_replace(): ${pattern}`);
    throw unsupported(e);
  }
}

/** Runs a match or an expansion, reporting what lookout cannot reproduce as unsupported. */
export function exactly<T>(step: () => T): T {
  try {
    return step();
  } catch (e) {
    throw unsupported(e);
  }
}

function unsupported(e: unknown): unknown {
  return e instanceof RegexpUnsupportedError ? new UnsupportedError(`regex: ${e.feature}`, e.pattern) : e;
}
