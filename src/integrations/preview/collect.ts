/**
 * Runs every panel's queries as range queries over the preview window, with the variables
 * substituted as Grafana would, and names each series as its legend would.
 */
import { panelsOf, type DashboardFile, type PanelRef } from '../grafana/dashboardFiles.js';
import { interpolate, resolveVariables, type TimeWindow, type VariableProblem, type VariableValue } from '../grafana/variables.js';
import { refIdOf, runnableTargets, runQuery, targetContext } from '../grafana/checkQueries.js';
import type { PrometheusApi } from '../prometheus/prometheusApi.js';
import { legendText } from './legend.js';

/** One line of a chart. */
export interface DrawnSeries {
  name: string;
  refId: string;
  /** The series' labels as Prometheus answered: a table-format query shows them as columns. */
  labels: Record<string, string>;
  /** [unix seconds, value]; NaN values are gaps. */
  samples: [number, number][];
}

/** What a panel shows: its series over the window, or why it has none. */
export interface PanelData {
  ref: PanelRef;
  series: DrawnSeries[];
  /** Prometheus's error text for queries it rejected, by refId. */
  errors: string[];
  /** The range query step, seconds: a gap wider than 1.5 steps breaks a line. */
  stepSeconds: number;
}

export interface DashboardData {
  file: DashboardFile;
  panels: PanelData[];
  /** The variables as resolved, for titles that use them. */
  values: ReadonlyMap<string, VariableValue>;
  variables: VariableProblem[];
}

/** Collects the data of every panel of every dashboard over `window`. */
export async function collectData(options: { api: PrometheusApi; dashboards: readonly DashboardFile[]; window: TimeWindow; scrapeIntervalMs: number }): Promise<DashboardData[]> {
  const out: DashboardData[] = [];
  for (const file of options.dashboards) {
    const resolved = await resolveVariables(file.dashboard.templating?.list ?? [], { api: options.api, window: options.window, scrapeIntervalMs: options.scrapeIntervalMs });
    const plain = new Map([...resolved.values].map(([k, v]) => [k, { ...v, regexList: false }]));
    const panels = await Promise.all(
      panelsOf(file.dashboard).map(async (ref): Promise<PanelData> => {
        const data: PanelData = { ref, series: [], errors: [], stepSeconds: options.scrapeIntervalMs / 1000 };
        const runnable = runnableTargets(ref.panel);
        const targets = (ref.panel.targets ?? []).map((t, i) => ({ t, refId: refIdOf(t, i) })).filter(({ t }) => runnable.includes(t));
        for (const { t, refId } of targets) {
          const { intervals, builtins } = targetContext(ref.panel, t, options.window, options.scrapeIntervalMs);
          data.stepSeconds = intervals.stepSeconds;
          const expr = interpolate(t.expr!, resolved.values, builtins);
          const answer = await runQuery(options.api, expr, 'range', options.window, intervals.stepSeconds);
          if (!answer.ok) {
            data.errors.push(`${refId}: ${answer.errorType}: ${answer.error}`);
            continue;
          }
          // Grafana fills variables into the legend format too, as plain text.
          const legend = t.legendFormat === undefined ? undefined : interpolate(t.legendFormat, plain, builtins);
          for (const s of answer.series) data.series.push({ name: legendText(legend, s.labels, expr), refId, labels: s.labels, samples: s.samples });
        }
        return data;
      }),
    );
    out.push({ file, panels, values: resolved.values, variables: resolved.problems });
  }
  return out;
}
