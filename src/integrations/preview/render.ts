/**
 * `lookout preview` as a function: query the Prometheus for every panel over the window and
 * render the page.
 */
import { runnableTargets } from '../grafana/checkQueries.js';
import type { DashboardFile } from '../grafana/dashboardFiles.js';
import type { PrometheusApi } from '../prometheus/prometheusApi.js';
import { DEFAULT_SCRAPE_INTERVAL_MS, type TimeWindow } from '../grafana/variables.js';
import { collectData } from './collect.js';
import { renderPage } from './page.js';

export interface PreviewOptions {
  api: PrometheusApi;
  dashboards: readonly DashboardFile[];
  /** The window drawn: [now - lookback, now]. */
  lookbackMs: number;
  /** Unix ms; defaults to the current time. */
  now?: number;
  scrapeIntervalMs?: number;
}

/** What the page shows, for the command's summary line. */
export interface PreviewSummary {
  dashboards: number;
  panels: number;
  series: number;
  /** Panels with a query Prometheus rejected. */
  panelsWithErrors: number;
  /** Panels that run Prometheus queries but got no series. */
  emptyPanels: number;
}

/** Renders the preview page; only an unreachable Prometheus throws. */
export async function renderPreview(options: PreviewOptions): Promise<{ html: string; summary: PreviewSummary; window: TimeWindow }> {
  const now = options.now ?? Date.now();
  const window: TimeWindow = { fromMs: now - options.lookbackMs, toMs: now };
  const data = await collectData({ api: options.api, dashboards: options.dashboards, window, scrapeIntervalMs: options.scrapeIntervalMs ?? DEFAULT_SCRAPE_INTERVAL_MS });
  const panels = data.flatMap((d) => d.panels).filter((p) => runnableTargets(p.ref.panel).length > 0);
  const summary: PreviewSummary = {
    dashboards: data.length,
    panels: panels.length,
    series: panels.reduce((s, p) => s + p.series.length, 0),
    panelsWithErrors: panels.filter((p) => p.errors.length > 0).length,
    emptyPanels: panels.filter((p) => p.errors.length === 0 && p.series.length === 0).length,
  };
  return { html: renderPage(data, window, options.api.baseUrl), summary, window };
}
