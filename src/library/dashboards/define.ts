import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import type { SourceLocation } from '../diagnostics/diagnostic.js';
import { captureSource } from '../source.js';
import { keptIgnore, type Ignore } from '../diagnostics/ignore.js';
import { DEFAULT_REFRESH, DEFAULT_TIME, LOOKOUT_TAG } from './conventions.js';
import { layoutRows, panelIds } from './layout.js';
import type { PanelSpec } from './panels/base.js';
import type { AlertThreshold } from './thresholds.js';
import { dashboardUid } from './uid.js';
import { datasourceVariable, type VariableSpec } from './variables.js';

/**
 * A JSON copy of what a builder built: the SDK hands out its own mutable object (with marker
 * methods on queries), and the dashboard must own a plain one.
 */
function plainCopy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** A titled row of panels. */
export interface RowSpec {
  readonly title?: string | undefined;
  readonly panels: readonly PanelSpec[];
}

/**
 * A row of panels under a full-width header.
 * @example
 * row('Latency', [timeseries({...}), timeseries({...})])
 */
export function row(title: string, panels: readonly PanelSpec[]): RowSpec {
  return { title, panels };
}

/** A link in the dashboard's header: to every dashboard with some tags, or to a URL. */
export type LinkSpec = { readonly title: string; readonly tags: readonly string[] } | { readonly title: string; readonly url: string };

export interface DashboardOptions {
  /**
   * Names the dashboard for good: the uid is a hash of it, and alerts link to the dashboard
   * by it (`dashboard: 'ai-gateway-reliability'`). Lower-case words and dashes.
   */
  slug: string;
  title: string;
  /** What the dashboard is for and who reads it. */
  description: string;
  tags?: readonly string[];
  /** The datasource variable alone by default; see `scopeVariables`. */
  variables?: readonly VariableSpec[];
  rows: readonly RowSpec[];
  links?: readonly LinkSpec[];
  time?: { from: string; to: string };
  refresh?: string;
  /** Checks silenced for this dashboard and its panels, each with the reason. */
  ignore?: Ignore;
}

/** Where a panel of the model came from: its path in the JSON, call site and mirrored alert. */
export interface PanelOrigin {
  /** `panels[3]`: the panel's index in the dashboard JSON. */
  readonly path: string;
  readonly title: string;
  readonly source?: SourceLocation | undefined;
  readonly mirrors?: AlertThreshold | undefined;
}

/** A dashboard after definition: the Grafana model the SDK built, and what lookout knows of it. */
export interface DashboardDefinition {
  readonly kind: 'dashboard';
  readonly slug: string;
  readonly uid: string;
  readonly title: string;
  /** The dashboard JSON (schemaVersion of the SDK), ids and grid positions set. */
  readonly model: dashboard.Dashboard;
  /** One per entry of `model.panels`, rows included, in the same order. */
  readonly panels: readonly PanelOrigin[];
  readonly ignore?: Ignore | undefined;
  readonly source?: SourceLocation | undefined;
}

/**
 * A Grafana dashboard built with the foundation SDK, discovered by `lookout generate` in
 * dashboards/ like rules in rules/, linted offline and written to generated/grafana.
 * @example
 * export default defineDashboard({
 *   slug: 'ai-gateway-reliability',
 *   title: 'AI gateway: reliability',
 *   description: 'Is the gateway answering, and how fast?',
 *   variables: scopeVariables({ targets: m.buildInfo }),
 *   rows: [row('Requests', [timeseries({ title: 'Success rate', unit: 'percentunit', queries: [query(successRatio)] })])],
 * });
 */
export function defineDashboard(options: DashboardOptions): DashboardDefinition {
  return buildDashboard(options, captureSource());
}

/**
 * `defineDashboard` with the call site given: what generated dashboards use. With
 * `panelsAt`, every panel is reported there too (a generated panel has no call site of its
 * own a user could edit).
 */
export function buildDashboard(options: DashboardOptions, source: SourceLocation | undefined, panelsAt?: { source: SourceLocation | undefined }): DashboardDefinition {
  const uid = dashboardUid(options.slug);
  const b = new dashboard.DashboardBuilder(options.title)
    .uid(uid)
    .description(options.description)
    .tags([...new Set([LOOKOUT_TAG, ...(options.tags ?? [])])].sort())
    .readonly()
    .tooltip(dashboard.DashboardCursorSync.Crosshair)
    .timezone('browser')
    .time({ ...(options.time ?? DEFAULT_TIME) })
    .refresh(options.refresh ?? DEFAULT_REFRESH)
    .variables([...(options.variables ?? [datasourceVariable()])]);
  for (const link of options.links ?? []) {
    const l = new dashboard.DashboardLinkBuilder(link.title).keepTime(true).includeVars(false);
    if ('url' in link) l.type(dashboard.DashboardLinkType.Link).url(link.url);
    else l.type(dashboard.DashboardLinkType.Dashboards).tags([...link.tags]).asDropdown(false);
    b.link(l);
  }
  const model = plainCopy(b.build());
  const grid = layoutRows(options.rows.map((r) => ({ title: r.title, panels: r.panels })));
  const keys: string[] = [];
  const panels: dashboard.Panel[] = [];
  const origins: PanelOrigin[] = [];
  options.rows.forEach((r, i) => {
    const placed = grid[i]!;
    if (placed.header && r.title !== undefined) {
      const rowPanel = plainCopy(new dashboard.RowBuilder(r.title).build()) as unknown as dashboard.Panel;
      rowPanel.gridPos = placed.header;
      keys.push(`row:${r.title}`);
      panels.push(rowPanel);
      origins.push({ path: `panels[${panels.length - 1}]`, title: r.title, source: panelsAt ? panelsAt.source : r.panels[0]?.source });
    }
    r.panels.forEach((p, j) => {
      // Each build returns the builder's own object: clone it, so one panel can sit in two dashboards.
      const built = plainCopy(p.builder.build());
      built.gridPos = placed.panels[j]!;
      keys.push(`${r.title ?? ''}/${p.title}`);
      panels.push(built);
      origins.push({ path: `panels[${panels.length - 1}]`, title: p.title, source: panelsAt ? panelsAt.source : p.source, mirrors: p.mirrors });
    });
  });
  panelIds(keys).forEach((id, i) => (panels[i]!.id = id));
  model.panels = panels;
  return { kind: 'dashboard', slug: options.slug, uid, title: options.title, model, panels: origins, ...keptIgnore(options.ignore), source };
}
