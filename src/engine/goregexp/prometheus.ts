import { compile, type GoRegexp } from './compile.js';
import { checkSyntax } from './syntax.js';

/**
 * How Prometheus 2.42 uses Go regexps. It anchors by wrapping the text, `^(?:re)$`, not by
 * meaning: label_replace's `a)|(b` compiles as `^(?:a)|(b)$` and matches "axyz" and "xyzb".
 */
export function anchor(pattern: string): string {
  return `^(?:${pattern})$`;
}

/** label_replace's regexp: the anchored text, searched with FindStringSubmatchIndex. */
export function compileAnchored(pattern: string): GoRegexp {
  return compile(anchor(pattern));
}

/**
 * A `=~`/`!~` matcher's regexp (labels.NewFastRegexMatcher): the anchored text must compile,
 * then the bare pattern must parse too, so `a)|(b` is rejected here although label_replace
 * accepts it. Errors are Go's, quoting the anchored text for the first check.
 */
export function compileLabelRegexp(pattern: string): GoRegexp {
  const re = compileAnchored(pattern);
  checkSyntax(pattern);
  return re;
}

/** A label matcher as PromQL writes it: `{name op "value"}` without the name. */
export interface LabelMatch {
  op: '=' | '!=' | '=~' | '!~';
  value: string;
}

/**
 * Whether a label value (a missing label is "") satisfies a matcher, as Prometheus decides.
 * Throws RegexpSyntaxError for a regexp Prometheus rejects (its parse error) and
 * RegexpUnsupportedError for one lookout cannot reproduce.
 *
 * @example
 * matchesLabel({ op: '=~', value: 'api|web' }, 'api-2') // false: the regexp is anchored
 * matchesLabel({ op: '!~', value: '5..' }, '')          // true
 */
export function matchesLabel(matcher: LabelMatch, value: string): boolean {
  switch (matcher.op) {
    case '=':
      return value === matcher.value;
    case '!=':
      return value !== matcher.value;
    case '=~':
      return compileLabelRegexp(matcher.value).matchString(value);
    case '!~':
      return !compileLabelRegexp(matcher.value).matchString(value);
  }
}
