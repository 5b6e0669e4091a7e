/**
 * The Go semantics some checks need: how Prometheus and Alertmanager compile and match label
 * regexps, and how Go's text/template lexes and parses. The library only declares them; the
 * engine implements them with its Go ports (src/engine/goregexp, src/engine/gotemplate) and the
 * compiler passes them in, so what users import to write definitions does not carry the ports.
 */

/** A label matcher as PromQL and Alertmanager write it, without the label name. */
export interface LabelMatch {
  op: '=' | '!=' | '=~' | '!~';
  value: string;
}

/** Why a label regexp does not compile: Go refuses it (`syntax`), or lookout cannot reproduce it. */
export interface RegexpProblem {
  kind: 'syntax' | 'unsupported';
  message: string;
}

export interface LabelRegexps {
  /** What is wrong with a `=~`/`!~` matcher's regexp, as Prometheus 2.42 compiles it; undefined when nothing is. */
  problem(pattern: string): RegexpProblem | undefined;
  /** Whether a label value (a missing label is "") satisfies the matcher, anchored; throws on a regexp with a problem. */
  matches(matcher: LabelMatch, value: string): boolean;
}

/** What a Prometheus annotation or label template does, for the template checks. */
export interface TemplateAnalysis {
  problems: Array<{ kind: 'syntax' | 'unknown-function' | 'unsupported'; message: string; from: number; to: number }>;
  /** Every `$labels.x` (or `.Labels.x`) with its span. */
  labelRefs: Array<{ name: string; from: number; to: number }>;
}

/** One token of Go's template lexer: `leftDelim`, `keyword`, `space`, ... with its offsets. */
export interface TemplateToken {
  type: string;
  value: string;
  pos: number;
  end: number;
}

export interface GoTemplates {
  /** A Prometheus rule template, with Prometheus' functions and variables. */
  analyze(text: string): TemplateAnalysis;
  /** Parses a template file with Go's grammar; only functions `hasFunction` knows are defined. */
  parse(text: string, options: { hasFunction: (name: string) => boolean; name: string }): { error?: { message: string; from: number; to: number } | undefined };
  lex(text: string): TemplateToken[];
  /** Go's builtin template functions (and, len, printf, ...). */
  readonly builtins: readonly string[];
}

export interface Semantics {
  readonly regexps: LabelRegexps;
  readonly templates: GoTemplates;
}
