import { emit } from './emit.js';
import { checkLimits } from './limits.js';
import { hasAmbiguousEmptyLoop, loopSkippableCaptures } from './loops.js';
import { parse } from './parse.js';

/** An RE2 pattern translated to JavaScript RegExp source (for the `u` flag alone). */
export interface Translation {
  source: string;
  /** Capture names by group number; '' for the whole match and unnamed groups. */
  names: readonly string[];
  /** Groups whose unset value in JS may be a set value in Go (see loops.ts). */
  loopSkippable: ReadonlySet<number>;
  /** Whether JS may pick a different match than Go (see loops.ts); whether one exists is exact. */
  ambiguousEmptyLoop: boolean;
}

/**
 * Translates Go RE2 syntax to JavaScript. Throws RegexpSyntaxError where Go's regexp.Compile
 * fails, with Go's message, and RegexpUnsupportedError where lookout cannot be exact.
 */
export function translate(pattern: string): Translation {
  const { root, names } = parse(pattern);
  checkLimits(root, pattern);
  return { source: emit(root), names, loopSkippable: loopSkippableCaptures(root), ambiguousEmptyLoop: hasAmbiguousEmptyLoop(root) };
}

/** Go's syntax.Parse with Perl flags: only whether (and how) the pattern is rejected. */
export function checkSyntax(pattern: string): void {
  parse(pattern);
}
