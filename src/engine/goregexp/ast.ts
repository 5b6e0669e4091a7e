import type { Range } from './tables.js';

/** The parse tree of an RE2 pattern, close to Go's syntax.Regexp but with flags resolved. */
export type Node =
  | { kind: 'empty' }
  | { kind: 'literal'; cp: number; fold: boolean }
  /** A character class, with (?i) already applied, as Go's parser does. */
  | { kind: 'class'; set: CharSet; negated: boolean }
  | { kind: 'any'; dotNL: boolean }
  | { kind: 'assert'; op: AssertOp }
  | { kind: 'capture'; index: number; sub: Node }
  | { kind: 'concat'; subs: Node[] }
  | { kind: 'alternate'; subs: Node[] }
  | { kind: 'repeat'; sub: Node; op: RepeatOp; min: number; max: number; greedy: boolean };

export type AssertOp = 'beginText' | 'endText' | 'beginLine' | 'endLine' | 'wordBoundary' | 'noWordBoundary';

/** `*`, `+`, `?` or `{n,m}`; max is -1 when unbounded. */
export type RepeatOp = 'star' | 'plus' | 'quest' | 'braces';

/**
 * A union of code point ranges and Unicode property classes. Properties stay symbolic (the JS
 * engine holds their tables); a negated one carries the JS class body it is the complement of.
 */
export interface CharSet {
  ranges: Range[];
  /** JS class-body text of positive properties, e.g. `\p{Lu}`. */
  properties: string[];
  /** JS class-body text of sets this class contains the complement of. */
  complements: string[];
}

export const emptySet = (): CharSet => ({ ranges: [], properties: [], complements: [] });
