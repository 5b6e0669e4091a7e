import path from 'node:path';
import { parseDuration } from '../library/duration.js';
import type { Diagnostic } from '../library/diagnostics/diagnostic.js';
import { readDashboardDir, type DashboardFile } from '../integrations/grafana/dashboardFiles.js';
import { PrometheusApi, PrometheusUnreachable } from '../integrations/prometheus/prometheusApi.js';
import { DEFAULT_SCRAPE_INTERVAL_MS } from '../integrations/grafana/variables.js';
import { EXIT, fail, printDiagnostics } from './output.js';


/** What `check-queries` and `preview` work from: the dashboards read, and the Prometheus to ask. */
export interface LiveDashboards {
  readonly dashboards: DashboardFile[];
  /** Problems with files that were skipped: the command still runs the others, then exits 1. */
  readonly diagnostics: Diagnostic[];
  readonly api: PrometheusApi;
  readonly lookbackMs: number;
  readonly scrapeIntervalMs: number;
}

/**
 * The common start of `check-queries` and `preview`: parse `--from`, read the dashboards in
 * `--dir` (printing what was wrong with any), find the scrape interval `$__rate_interval` is
 * built from, then run `work`. Returns the exit code: `work`'s, 1 when no dashboard could be
 * read, 2 for bad arguments or an unreachable Prometheus.
 */
export async function withLiveDashboards(
  options: { prometheus: string; dir: string; from: string; scrapeInterval?: string | undefined },
  work: (live: LiveDashboards) => Promise<number>,
): Promise<number> {
  const lookbackMs = parseDuration(options.from);
  if (!lookbackMs) {
    fail(`--from "${options.from}" is not a duration (for example 15m, 1h)`);
    return EXIT.usage;
  }
  const { dashboards, diagnostics } = await readDashboardDir(options.dir);
  printDiagnostics(diagnostics);
  if (dashboards.length === 0) {
    if (diagnostics.length === 0) fail(`no dashboard JSON files in ${options.dir}: run \`lookout generate\` first, or pass --dir`);
    return diagnostics.length > 0 ? EXIT.problems : EXIT.usage;
  }
  const api = new PrometheusApi(options.prometheus);
  try {
    const scrapeIntervalMs = options.scrapeInterval ? parseDuration(options.scrapeInterval) : ((await api.scrapeIntervalMs()) ?? DEFAULT_SCRAPE_INTERVAL_MS);
    if (!scrapeIntervalMs) {
      fail(`--scrape-interval "${options.scrapeInterval}" is not a duration (for example 15s)`);
      return EXIT.usage;
    }
    return await work({ dashboards, diagnostics, api, lookbackMs, scrapeIntervalMs });
  } catch (e) {
    if (e instanceof PrometheusUnreachable) {
      fail(e.message);
      return EXIT.usage;
    }
    throw e;
  }
}
