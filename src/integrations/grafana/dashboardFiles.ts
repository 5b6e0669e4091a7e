/**
 * Reads a folder of Grafana dashboard JSON files (the model grafana-foundation-sdk builds) and
 * keeps only what running and drawing the queries needs: panels, their grid positions,
 * targets, units and thresholds, and the template variables. Everything else passes through
 * unchecked, so a newer schemaVersion with more fields still loads.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { Diagnostic } from '../../library/diagnostics/diagnostic.js';
import { parseJsonText } from './jsonText.js';

/** A datasource reference: `{type, uid}`, a legacy name string, or null for the default. */
const datasourceRef = z.union([z.string(), z.object({ type: z.string().optional(), uid: z.string().optional() }).loose(), z.null()]).optional();

const target = z
  .object({
    expr: z.string().optional(),
    refId: z.string().optional(),
    legendFormat: z.string().optional(),
    datasource: datasourceRef,
    instant: z.boolean().optional(),
    range: z.boolean().optional(),
    hide: z.boolean().optional(),
    interval: z.string().optional(),
  })
  .loose();

const thresholds = z
  .object({
    mode: z.string().optional(),
    steps: z.array(z.object({ value: z.number().nullable().optional(), color: z.string() }).loose()),
  })
  .loose();

const fieldConfig = z
  .object({
    defaults: z
      .object({
        unit: z.string().optional(),
        decimals: z.number().nullable().optional(),
        min: z.number().nullable().optional(),
        max: z.number().nullable().optional(),
        thresholds: thresholds.optional(),
      })
      .loose()
      .optional(),
  })
  .loose();

const gridPos = z.object({ x: z.number().int().min(0), y: z.number().int().min(0), w: z.number().int().min(1).max(24), h: z.number().int().min(1) }).loose();

/** One panel; a row holds its panels in `panels` while it is collapsed. */
export interface Panel {
  id?: number;
  type: string;
  title?: string;
  description?: string;
  gridPos?: z.infer<typeof gridPos>;
  datasource?: z.infer<typeof datasourceRef>;
  targets?: Target[];
  fieldConfig?: z.infer<typeof fieldConfig>;
  maxDataPoints?: number | null;
  interval?: string | null;
  collapsed?: boolean;
  panels?: Panel[];
  [key: string]: unknown;
}

const panel: z.ZodType<Panel> = z.lazy(() =>
  z
    .object({
      id: z.number().int().optional(),
      type: z.string().min(1),
      title: z.string().optional(),
      description: z.string().optional(),
      gridPos: gridPos.optional(),
      datasource: datasourceRef,
      targets: z.array(target).optional(),
      fieldConfig: fieldConfig.optional(),
      maxDataPoints: z.number().positive().nullable().optional(),
      interval: z.string().nullable().optional(),
      collapsed: z.boolean().optional(),
      panels: z.array(panel).optional(),
    })
    .loose(),
);

const variableValue = z.union([z.string(), z.array(z.string())]);

const variable = z
  .object({
    type: z.string(),
    name: z.string().min(1),
    // Grafana 10+ may store a query variable's query as `{query, refId}`.
    query: z.union([z.string(), z.object({ query: z.string().optional() }).loose()]).optional(),
    definition: z.string().optional(),
    current: z.object({ value: variableValue.nullable().optional(), text: variableValue.nullable().optional() }).loose().nullable().optional(),
    options: z.array(z.object({ value: variableValue, text: variableValue.optional(), selected: z.boolean().optional() }).loose()).optional(),
    multi: z.boolean().optional(),
    includeAll: z.boolean().optional(),
    allValue: z.string().nullable().optional(),
    regex: z.string().nullable().optional(),
    sort: z.number().nullable().optional(),
    datasource: datasourceRef,
  })
  .loose();

const dashboard = z
  .object({
    uid: z.string().min(1),
    title: z.string(),
    panels: z.array(panel).optional(),
    templating: z.object({ list: z.array(variable).optional() }).loose().optional(),
  })
  .loose();

export type Target = z.infer<typeof target>;
export type Variable = z.infer<typeof variable>;
export type Dashboard = z.infer<typeof dashboard>;
export type Thresholds = z.infer<typeof thresholds>;

/** A dashboard and the file it came from (as given, for messages). */
export interface DashboardFile {
  file: string;
  dashboard: Dashboard;
}

/** A panel that runs queries, with where it sits: `panels[3]` or `panels[2].panels[0]`. */
export interface PanelRef {
  panel: Panel;
  /** JSON path inside the dashboard, for messages. */
  path: string;
  /** The collapsed or expanded row above it, if any. */
  row?: string;
}

/** Codes of the problems this reader reports. */
export const DASHBOARD_CODES = {
  json: 'grafana/dashboard-json',
  shape: 'grafana/dashboard-shape',
  duplicateUid: 'grafana/dashboard-duplicate-uid',
} as const;

function jsonPath(parts: readonly PropertyKey[]): string {
  let out = '';
  for (const p of parts) out += typeof p === 'number' ? `[${p}]` : `${out ? '.' : ''}${String(p)}`;
  return out;
}

/** Parses one dashboard file's text; problems name the file and the field. */
export function parseDashboard(file: string, text: string): { dashboard?: Dashboard; diagnostics: Diagnostic[] } {
  const json = parseJsonText(text);
  if (!json.ok) return { diagnostics: [{ code: DASHBOARD_CODES.json, severity: 'error', file, ...json.at, path: '', message: `not valid JSON: ${json.message}` }] };
  const parsed = dashboard.safeParse(json.value);
  if (parsed.success) return { dashboard: parsed.data, diagnostics: [] };
  const diagnostics = parsed.error.issues.map(
    (issue): Diagnostic => ({
      code: DASHBOARD_CODES.shape,
      severity: 'error',
      file,
      path: jsonPath(issue.path) || '(dashboard)',
      message: issue.message,
      hint: 'lookout reads the Grafana dashboard JSON model: uid, title, panels[] with type, gridPos, targets[].expr and templating.list',
    }),
  );
  return { diagnostics };
}

/**
 * Reads every `*.json` file in `dir`, sorted by name. A bad file is reported and skipped, so one
 * broken dashboard does not hide the others; a missing folder is one diagnostic.
 */
export async function readDashboardDir(dir: string): Promise<{ dashboards: DashboardFile[]; diagnostics: Diagnostic[] }> {
  if (!existsSync(dir)) {
    return { dashboards: [], diagnostics: [{ code: DASHBOARD_CODES.json, severity: 'error', file: dir, path: '', message: 'no such folder', hint: 'run `lookout generate` first, or pass --dir' }] };
  }
  const names = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  const dashboards: DashboardFile[] = [];
  const diagnostics: Diagnostic[] = [];
  const seen = new Map<string, string>();
  for (const name of names) {
    const file = path.join(dir, name);
    const result = parseDashboard(file, await readFile(file, 'utf8'));
    diagnostics.push(...result.diagnostics);
    if (!result.dashboard) continue;
    const first = seen.get(result.dashboard.uid);
    if (first) {
      diagnostics.push({ code: DASHBOARD_CODES.duplicateUid, severity: 'error', file, path: 'uid', message: `uid "${result.dashboard.uid}" is also used by ${first}; Grafana keeps only one of them` });
      continue;
    }
    seen.set(result.dashboard.uid, file);
    dashboards.push({ file, dashboard: result.dashboard });
  }
  return { dashboards, diagnostics };
}

/**
 * Every non-row panel of a dashboard in order, including those inside collapsed rows, with
 * the title of the row above it. Library panels and rows themselves run no queries.
 */
export function panelsOf(d: Dashboard): PanelRef[] {
  const out: PanelRef[] = [];
  let row: string | undefined;
  (d.panels ?? []).forEach((p, i) => {
    if (p.type === 'row') {
      row = p.title;
      (p.panels ?? []).forEach((child, j) => out.push({ panel: child, path: `panels[${i}].panels[${j}]`, row }));
      return;
    }
    out.push({ panel: p, path: `panels[${i}]`, row });
  });
  return out;
}

/** A panel's name in messages: its title, or its id or path when it has no title. */
export function panelLabel(ref: PanelRef): string {
  if (ref.panel.title) return ref.panel.title;
  return ref.panel.id !== undefined ? `panel ${ref.panel.id}` : ref.path;
}
