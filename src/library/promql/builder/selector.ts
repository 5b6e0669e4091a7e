import type { Expr, LabelMatcher, MatchOp, VectorSelector } from '../ast.js';
import type { LabelNames, LabelSpec, TargetLabel, ValueOf } from '../../labels.js';
import { Vector } from './vector.js';

/** Whether a selector reads a counter (only meaningful inside rate/increase) or a gauge. */
export type SeriesKind = 'counter' | 'gauge';

/**
 * A non-equality matcher made with `re()`, `not()` or `notRe()`. `V` is the value `not()`
 * compares with, so it is checked against a closed set; regexes carry `never` and fit any label.
 */
export interface MatcherValue<V extends string = string> {
  readonly op: Exclude<MatchOp, '='>;
  readonly value: string;
  /** Phantom: the compared value's type. */
  readonly __value?: V;
}

/** `label=~"regex"`: the regex is anchored by Prometheus, as always. */
export function re(pattern: string): MatcherValue<never> {
  return { op: '=~', value: pattern };
}

/** `label!="value"`; for a closed label only a declared value compiles. */
export function not<const V extends string>(value: V): MatcherValue<V> {
  return { op: '!=', value };
}

/** `label!~"regex"`. */
export function notRe(pattern: string): MatcherValue<never> {
  return { op: '!~', value: pattern };
}

/**
 * Matchers for a metric's labels: a declared value (equality), a list of declared values
 * (an anchored alternation), or `re()`/`not()`/`notRe()`. Unknown label names and, for closed
 * sets, unknown values do not compile.
 */
export type Matchers<S extends LabelSpec> = {
  readonly [K in LabelNames<S> | TargetLabel]?: K extends LabelNames<S>
    ? ValueOf<S[K]> | readonly ValueOf<S[K]>[] | MatcherValue<ValueOf<S[K]>>
    : string | readonly string[] | MatcherValue;
};

function escapeRegex(value: string): string {
  return value.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}

export function toMatchers(matchers: Readonly<Record<string, unknown>>): LabelMatcher[] {
  const out: LabelMatcher[] = [];
  for (const [name, v] of Object.entries(matchers)) {
    if (v === undefined) continue;
    if (typeof v === 'string') out.push({ name, op: '=', value: v });
    else if (Array.isArray(v)) out.push({ name, op: '=~', value: v.map((x: string) => escapeRegex(x)).join('|') });
    else {
      const m = v as MatcherValue;
      out.push({ name, op: m.op, value: m.value });
    }
  }
  return out;
}

/**
 * A selector of one metric's series. Its kind decides which functions accept it: `rate()`
 * takes only counters, `avgOverTime()` only gauges.
 */
export class Selector<K extends SeriesKind, L extends string, S extends LabelSpec = LabelSpec> extends Vector<L> {
  declare readonly __spec?: S;

  constructor(
    readonly kind: K,
    readonly metricName: string,
    readonly matchers: readonly LabelMatcher[] = [],
  ) {
    super(selectorAst(metricName, matchers));
  }

  /** Narrows the selector; matchers are added to any already present. */
  where(matchers: Matchers<S>): Selector<K, L, S> {
    return new Selector<K, L, S>(this.kind, this.metricName, [...this.matchers, ...toMatchers(matchers)]);
  }

  get selectorAst(): VectorSelector {
    return this.ast as VectorSelector;
  }
}

function selectorAst(name: string, matchers: readonly LabelMatcher[]): Expr {
  return { type: 'vector', name, matchers: [...matchers] };
}

/** The labels a selector of spec `S` carries once scraped. */
export type SelectorLabels<S extends LabelSpec> = LabelNames<S> | TargetLabel;
