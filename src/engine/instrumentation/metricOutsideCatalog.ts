import { SyntaxKind, type SourceFile } from 'ts-morph';
import { defineCheck, diagnose } from '../../library/diagnostics/check.js';
import type { Diagnostic } from '../../library/diagnostics/diagnostic.js';
import { sourceOf } from './program.js';
import { catalogFactory, promClientMetricClass } from './symbols.js';

export const metricOutsideCatalog = defineCheck({
  id: 'lint/metric-outside-catalog',
  severity: 'error',
  title: 'Service code creates no metric outside the catalog file (no prom-client `new Counter(...)`, no `counter()`)',
  why: 'Neither prom-client\'s `new Counter/Gauge/Histogram/Summary(...)` nor the library\'s `counter()`, `gauge()`, `histogram()` or `defineMetrics()` belongs in service code. A metric declared at its call site has no entry in the catalog, so no query is checked against it, its labels are unbounded by anything, and nobody monitoring the service knows it exists.',
});

/**
 * Metrics `file` creates itself: `new Counter(...)` (or Gauge, Histogram, Summary) of
 * prom-client, and calls of the library's catalog factories, which belong in the catalog file.
 */
export function checkMetricsOutsideCatalog(file: SourceFile, catalogFile: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const created of file.getDescendantsOfKind(SyntaxKind.NewExpression)) {
    const cls = promClientMetricClass(created.getExpression());
    if (!cls) continue;
    out.push(
      diagnose(metricOutsideCatalog, {
        path: '',
        source: sourceOf(created),
        message: `new ${cls}(...) creates a prom-client metric outside the catalog: no rule, SLO or dashboard is checked against it`,
        hint: `declare it in the catalog (${catalogFile}) and record it through instrument(catalog)`,
      }),
    );
  }
  for (const call of file.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    const factory = catalogFactory(call.getExpression());
    if (!factory) continue;
    out.push(
      diagnose(metricOutsideCatalog, {
        path: '',
        source: sourceOf(call),
        message:
          factory === 'defineMetrics'
            ? 'defineMetrics() declares a second catalog inside the service'
            : `${factory}() declares a metric outside the catalog`,
        hint: `declare every metric in the catalog (${catalogFile}) and record it through instrument(catalog)`,
      }),
    );
  }
  return out;
}
