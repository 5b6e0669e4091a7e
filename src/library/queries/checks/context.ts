import type { Check } from '../../diagnostics/check.js';
import type { Finding, SourceLocation } from '../../diagnostics/diagnostic.js';
import type { Semantics } from '../../semantics.js';
import type { MetricIndex } from '../../catalog/metricIndex.js';
import type { SeriesInfo } from '../../catalog/metricIndex.js';
import { selectorMetricName, walk, type Expr, type Span, type VectorSelector } from '../../promql/ast.js';

/** What a query check sees: one parsed expression and the project it belongs to. */
export interface QueryContext {
  readonly expr: Expr;
  /** The PromQL text `expr` was parsed from; spans point into it. */
  readonly text: string;
  readonly index: MetricIndex;
  readonly scrapeIntervalMs: number;
  readonly evaluationIntervalMs: number;
  /** Where the query sits in its definition: `GatewayHighErrorRate.expr`. */
  readonly path: string;
  readonly source?: SourceLocation | undefined;
  /** Go's regexps, as Prometheus compiles them; the compiler passes in the engine's. */
  readonly semantics: Semantics;
}

export interface QueryCheck {
  readonly check: Check;
  run(ctx: QueryContext): Omit<Finding, 'path' | 'source'>[];
}

/** A finding that underlines `span` of the query. */
export function at(ctx: QueryContext, span: Span | undefined, message: string, hint?: string): Omit<Finding, 'path' | 'source'> {
  const f: Omit<Finding, 'path' | 'source'> = { message };
  if (hint) f.hint = hint;
  if (span) f.snippet = { text: ctx.text, from: span.from, to: span.to };
  return f;
}

/** A metric selector of the query with what the index knows of the series it names. */
export interface ResolvedSelector {
  node: VectorSelector;
  name: string | undefined;
  info: SeriesInfo | undefined;
  /** The selector's ancestors, nearest last. */
  ancestors: readonly Expr[];
}

/** Every vector selector in the query, resolved against the catalog and recording rules. */
export function selectors(ctx: QueryContext): ResolvedSelector[] {
  const out: ResolvedSelector[] = [];
  walk(ctx.expr, (node, ancestors) => {
    if (node.type !== 'vector') return;
    const name = selectorMetricName(node);
    out.push({ node, name, info: name ? ctx.index.get(name) : undefined, ancestors: [...ancestors] });
  });
  return out;
}
