import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import type { Check } from '../../diagnostics/check.js';
import type { Finding } from '../../diagnostics/diagnostic.js';
import type { MetricIndex } from '../../catalog/metricIndex.js';
import type { Expr } from '../../promql/ast.js';
import type { DashboardDefinition } from '../define.js';
import type { ExpandedQuery } from './expand.js';

/** A panel query as the checks see it: where it is, as written, and parsed once its variables are expanded. */
export interface TargetQuery {
  /** Index of the panel in `model.panels`. */
  readonly panel: number;
  /** `panels[3].targets[0].expr`. */
  readonly path: string;
  readonly text: string;
  readonly expanded: ExpandedQuery;
  /** Undefined when the expanded query does not parse (promql/syntax reports it). */
  readonly expr?: Expr | undefined;
}

/** What a dashboard check sees: one dashboard, its queries, and the project's metrics. */
export interface DashboardContext {
  readonly dashboard: DashboardDefinition;
  readonly index: MetricIndex;
  readonly scrapeIntervalMs: number;
  readonly targets: readonly TargetQuery[];
}

/** A problem in a dashboard: `path` is inside the dashboard JSON, `panel` the panel it is about. */
export type DashboardFinding = Omit<Finding, 'path' | 'source'> & { path: string; panel?: number | undefined };

export interface DashboardCheck {
  readonly check: Check;
  run(ctx: DashboardContext): DashboardFinding[];
}

/** Panel types that draw numbers, and so need a unit. */
export const UNIT_PANEL_TYPES: ReadonlySet<string> = new Set(['timeseries', 'stat', 'gauge', 'bargauge', 'table', 'barchart']);
/** Panel types that run no query. */
export const NO_QUERY_PANEL_TYPES: ReadonlySet<string> = new Set(['row', 'text', 'news', 'dashlist', 'alertlist', 'annolist', 'welcome']);

/** Every entry of `model.panels` with its index, rows included. */
export function panelsOf(model: dashboard.Dashboard): { panel: dashboard.Panel; index: number }[] {
  return ((model.panels ?? []) as dashboard.Panel[]).map((panel, index) => ({ panel, index }));
}

/** Panels that run queries. */
export function dataPanels(model: dashboard.Dashboard): { panel: dashboard.Panel; index: number }[] {
  return panelsOf(model).filter(({ panel }) => !NO_QUERY_PANEL_TYPES.has(panel.type));
}

/** The template variables of a dashboard. */
export function variablesOf(model: dashboard.Dashboard): dashboard.VariableModel[] {
  return model.templating?.list ?? [];
}
