/**
 * `lookout preview --synthetic`: the project's catalog (only lookout.config.ts is loaded, not
 * the definitions) and its generated rules become a local Prometheus with data, which the
 * preview then draws from, and which is stopped when the page is written.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { discover, GENERATED_DIR, missingConfig } from '../engine/compiler/discover.js';
import { finalize } from '../engine/compiler/finalize.js';
import { loadProject } from '../engine/compiler/load.js';
import { validateShapes } from '../engine/compiler/schema.js';
import type { Catalog } from '../library/catalog/define.js';
import { hasErrors } from '../library/diagnostics/diagnostic.js';
import { panelsOf, readDashboardDir } from '../integrations/grafana/dashboardFiles.js';
import { prometheusBinary } from '../integrations/loadtest/prometheus.js';
import { startServer } from '../integrations/loadtest/server.js';
import { startSyntheticPrometheus, type PrometheusProcess, type SyntheticPrometheus } from '../integrations/preview/data/syntheticPrometheus.js';
import { fail, info, printDiagnostics } from './output.js';

const PROMETHEUS_START_MS = 60_000;

/** The Debian Prometheus on `dataDir`, on 127.0.0.1 at a port picked now, stopped by pid. */
function launchPrometheus(dataDir: string, config: string): Promise<PrometheusProcess> {
  return startServer({
    binary: prometheusBinary(),
    // Blocks are as old as the window: keep them however old that is.
    args: (_dir, listen) => [`--config.file=${config}`, `--storage.tsdb.path=${dataDir}`, '--storage.tsdb.retention.time=10y', `--web.listen-address=${listen}`],
    readyPath: '/-/ready',
    timeoutMs: PROMETHEUS_START_MS,
  });
}

/** The project's catalogs, or undefined after printing why they could not be loaded. */
async function loadCatalogs(root: string): Promise<readonly Catalog[] | undefined> {
  const found = await discover(root);
  if ('missing' in found) {
    printDiagnostics([missingConfig(root, found.missing)]);
    return undefined;
  }
  // The catalog is all the data needs: the definitions' output is already in generated/.
  const { loaded, diagnostics } = await loadProject({ ...found, modules: [] });
  const problems = loaded ? [...diagnostics, ...validateShapes(loaded)] : diagnostics;
  if (!loaded || hasErrors(problems)) {
    printDiagnostics(await finalize(problems, root, undefined));
    return undefined;
  }
  return loaded.catalogs;
}

/**
 * Starts the synthetic Prometheus for the project at `root` and the dashboards in `dir`;
 * undefined (with the reason printed) when the project or its generated rules are missing.
 */
export async function startProjectPrometheus(options: { root: string; dir: string; lookbackMs: number; now?: number }): Promise<SyntheticPrometheus | undefined> {
  const config = path.join(options.root, GENERATED_DIR, 'prometheus', 'prometheus.yml');
  if (!existsSync(config)) {
    fail(`no ${path.relative(process.cwd(), config) || config}: run \`lookout generate\` first, or pass --project`);
    return undefined;
  }
  const catalogs = await loadCatalogs(options.root);
  if (!catalogs) return undefined;
  const { dashboards } = await readDashboardDir(options.dir);
  const queries = dashboards.flatMap((d) => panelsOf(d.dashboard).flatMap((ref) => (ref.panel.targets ?? []).map((t) => t.expr ?? '')));
  const started = Date.now();
  const prometheus = await startSyntheticPrometheus({ catalogs, prometheusConfig: config, queries, lookbackMs: options.lookbackMs, now: options.now, progress: (line) => process.stderr.write(`${line}\n`), launch: launchPrometheus });
  info(`synthetic Prometheus at ${prometheus.url} ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${prometheus.stats.series} series, ${prometheus.stats.recordings} recording rules and alerts backfilled in ${prometheus.stats.levels} levels`);
  return prometheus;
}
