import { children, selectorMetricName, type Expr } from '../../library/promql/ast.js';
import type { SimRule } from './simRules.js';

/** What one rule's query reads: series names at one instant, and names over a range of time. */
interface Reads {
  instant: Set<string>;
  range: Set<string>;
  /** A selector without a metric name can read any series. */
  anything: boolean;
}

function readsOf(expr: Expr): Reads {
  const out: Reads = { instant: new Set(), range: new Set(), anything: false };
  const visit = (node: Expr, inRange: boolean): void => {
    if (node.type === 'vector') {
      const name = selectorMetricName(node);
      if (name === undefined) out.anything = true;
      else (inRange ? out.range : out.instant).add(name);
      return;
    }
    // A subquery evaluates its expression at many earlier steps: a range read too.
    const nested = inRange || node.type === 'matrix' || node.type === 'subquery';
    for (const child of children(node)) visit(child, nested);
  };
  visit(expr, false);
  return out;
}

function outputNames(rule: SimRule): string[] {
  return rule.kind === 'record' ? [rule.record] : ['ALERTS', 'ALERTS_FOR_STATE'];
}

/**
 * The rules a probed simulation must evaluate at every step (see SimOptions.probeAt): those
 * another rule reads over a range of time, those read by a rule evaluated before them in a
 * step (which sees their previous step's output), and every rule such a rule reads. The others
 * only matter where they are read, at the probed steps, and evaluating them there gives the
 * values a full simulation would: within a step they read what the rules before them just
 * wrote. A query that may read anything, or reads ALERTS (whose state needs every step),
 * makes everything dense.
 */
export function rulesNeededEveryStep(rules: readonly SimRule[]): Set<SimRule> {
  const reads = rules.map((r) => readsOf(r.expr));
  if (reads.some((r) => r.anything || r.instant.has('ALERTS') || r.range.has('ALERTS') || r.instant.has('ALERTS_FOR_STATE') || r.range.has('ALERTS_FOR_STATE'))) {
    return new Set(rules);
  }
  const producers = new Map<string, number[]>();
  rules.forEach((r, i) => {
    for (const name of outputNames(r)) producers.set(name, [...(producers.get(name) ?? []), i]);
  });
  const dense = new Set<number>();
  const pending: number[] = [];
  const mark = (i: number) => {
    if (!dense.has(i)) {
      dense.add(i);
      pending.push(i);
    }
  };
  reads.forEach((r, reader) => {
    for (const name of r.range) for (const p of producers.get(name) ?? []) mark(p);
    for (const name of r.instant) for (const p of producers.get(name) ?? []) if (p >= reader) mark(p);
  });
  while (pending.length > 0) {
    const i = pending.pop()!;
    for (const name of [...reads[i]!.instant, ...reads[i]!.range]) for (const p of producers.get(name) ?? []) mark(p);
  }
  return new Set(rules.filter((_, i) => dense.has(i)));
}
