import { diagnose } from '../../diagnostics/check.js';
import type { Expr } from '../../promql/ast.js';
import { parsePromQL, type ParseResult } from '../../promql/parse.js';
import { syntaxCheck } from './syntax.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { counterRate } from './counterRate.js';
import type { QueryCheck, QueryContext } from './context.js';
import { gaugeState } from './gaugeState.js';
import { histogramQuantile } from './histogramQuantile.js';
import { labelArguments } from './labelArguments.js';
import { labelValue } from './labelValue.js';
import { leBucket } from './leBucket.js';
import { newerThanPrometheus } from './newerThanPrometheus.js';
import { rangeTooShort } from './rangeTooShort.js';
import { rateOnGauge } from './rateOnGauge.js';
import { regex } from './regex.js';
import { unknownLabel } from './unknownLabel.js';
import { unknownMetric } from './unknownMetric.js';

/** Every check applied to every parsed query (rules now; SLOs and dashboards later). */
export const QUERY_CHECKS: readonly QueryCheck[] = [
  unknownMetric,
  unknownLabel,
  labelValue,
  leBucket,
  counterRate,
  rateOnGauge,
  rangeTooShort,
  histogramQuantile,
  gaugeState,
  regex,
  labelArguments,
  newerThanPrometheus,
];

export function runQueryChecks(ctx: QueryContext): Diagnostic[] {
  return QUERY_CHECKS.flatMap((qc) => qc.run(ctx).map((f) => diagnose(qc.check, { ...f, path: ctx.path, source: ctx.source })));
}

/**
 * Parses `text` (unless the caller already did) and runs every query check on it. Returns the
 * expression when it parsed, so callers can go on (label inference, test synthesis) without
 * parsing twice.
 */
export function checkQuery(text: string, base: Omit<QueryContext, 'expr' | 'text'>, parsed: ParseResult = parsePromQL(text)): { expr?: Expr; diagnostics: Diagnostic[] } {
  if (!parsed.ok) {
    const snippet = { text, from: parsed.error.span.from, to: parsed.error.span.to };
    return { diagnostics: [diagnose(syntaxCheck, { path: base.path, source: base.source, message: parsed.error.message, snippet })] };
  }
  return { expr: parsed.expr, diagnostics: runQueryChecks({ ...base, expr: parsed.expr, text }) };
}

export type { QueryContext } from './context.js';
