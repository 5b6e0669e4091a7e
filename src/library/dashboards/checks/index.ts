import type { MetricIndex } from '../../catalog/metricIndex.js';
import { diagnose } from '../../diagnostics/check.js';
import type { Diagnostic, SourceLocation } from '../../diagnostics/diagnostic.js';
import { checkQuery } from '../../queries/checks/index.js';
import { parsePromQL } from '../../promql/parse.js';
import type { DashboardDefinition } from '../define.js';
import { dataPanels, type DashboardCheck, type DashboardContext, type TargetQuery } from './context.js';
import { datasourceVariable } from './datasourceVariable.js';
import { expandVariables } from './expand.js';
import { layout } from './layout.js';
import { noQueries } from './noQueries.js';
import { panelDatasource } from './panelDatasource.js';
import { panelTitle } from './panelTitle.js';
import { panelUnit } from './panelUnit.js';
import { rateInterval } from './rateInterval.js';
import { dashboardUidCheck } from './uid.js';
import { unknownVariable } from './unknownVariable.js';
import { variableQuery } from './variableQuery.js';
import type { Semantics } from '../../semantics.js';

export { alertDashboardLink, checkAlertLinks, type LinkTargets } from './alertLink.js';
export { checkDuplicates, duplicateDashboard } from './duplicate.js';

/**
 * The offline lint of every dashboard, in the spirit of Grafana's dashboard-linter. Each
 * panel query also goes through every PromQL check rules get (promql/syntax,
 * promql/unknown-metric, promql/counter-without-rate, ...), its Grafana variables expanded.
 */
export const DASHBOARD_CHECKS: readonly DashboardCheck[] = [
  panelTitle,
  panelUnit,
  datasourceVariable,
  panelDatasource,
  noQueries,
  rateInterval,
  unknownVariable,
  variableQuery,
  layout,
  dashboardUidCheck,
];

/** Every panel query of a dashboard, expanded and parsed. */
export function targetQueries(dashboard: DashboardDefinition, scrapeIntervalMs: number): TargetQuery[] {
  const out: TargetQuery[] = [];
  for (const { panel, index } of dataPanels(dashboard.model)) {
    (panel.targets ?? []).forEach((t, j) => {
      const text = (t as { expr?: unknown }).expr;
      if (typeof text !== 'string' || !text.trim()) return;
      const expanded = expandVariables(text, scrapeIntervalMs);
      const parsed = parsePromQL(expanded.text);
      out.push({ panel: index, path: `panels[${index}].targets[${j}].expr`, text, expanded, expr: parsed.ok ? parsed.expr : undefined });
    });
  }
  return out;
}

/** Where a finding about `panel` is reported: the panel's factory call, else the dashboard's. */
function sourceOf(dashboard: DashboardDefinition, panel: number | undefined): SourceLocation | undefined {
  return (panel !== undefined ? dashboard.panels[panel]?.source : undefined) ?? dashboard.source;
}

/**
 * Lints one dashboard: the dashboard checks, then every query through the PromQL checks
 * against the catalogs and the project's recording rules. Paths are `<slug>.<path in the JSON>`.
 */
export function checkDashboard(dashboard: DashboardDefinition, index: MetricIndex, scrapeIntervalMs: number, evaluationIntervalMs: number, semantics: Semantics): Diagnostic[] {
  const targets = targetQueries(dashboard, scrapeIntervalMs);
  const ctx: DashboardContext = { dashboard, index, scrapeIntervalMs, targets };
  const out: Diagnostic[] = [];
  for (const c of DASHBOARD_CHECKS) {
    for (const { panel, path, ...f } of c.run(ctx)) out.push(diagnose(c.check, { ...f, path: `${dashboard.slug}.${path}`, source: sourceOf(dashboard, panel) }));
  }
  for (const t of targets) {
    const { diagnostics } = checkQuery(t.expanded.text, { index, scrapeIntervalMs, evaluationIntervalMs, path: `${dashboard.slug}.${t.path}`, source: sourceOf(dashboard, t.panel), semantics });
    for (const d of diagnostics) {
      // Underline the query as written, not its expansion.
      if (d.snippet) d.snippet = { text: t.text, from: t.expanded.toOriginal(d.snippet.from), to: t.expanded.toOriginal(d.snippet.to) };
      out.push(d);
    }
  }
  return out;
}
