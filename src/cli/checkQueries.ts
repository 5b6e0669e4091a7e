import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { ExpectEmpty } from '../integrations/grafana/checkQueries.js';
import { DEFAULT_DASHBOARD_DIR } from './defaults.js';
import { EXIT, fail, info } from './output.js';

export interface CheckQueriesOptions {
  prometheus: string;
  dir: string;
  from: string;
  expectEmpty?: string;
  scrapeInterval?: string;
  json?: boolean;
  all?: boolean;
}

/** `--expect-empty`: an existing file (one entry a line) or an inline comma-separated list. */
function readExpectEmpty(value: string | undefined, parseExpectEmpty: (text: string, inline: boolean) => { entries: ExpectEmpty[]; problems: string[] }): { entries: ExpectEmpty[]; problems: string[] } {
  if (!value) return { entries: [], problems: [] };
  if (existsSync(value)) return parseExpectEmpty(readFileSync(value, 'utf8'), false);
  return parseExpectEmpty(value, true);
}

/**
 * `lookout check-queries`: runs every panel query of the dashboards in `--dir` against a real
 * Prometheus and lists the panels whose query fails or returns no series. Exit 1 when any
 * does (unless listed in --expect-empty), 2 on bad arguments or an unreachable Prometheus.
 */
export async function checkQueriesCommand(options: CheckQueriesOptions): Promise<number> {
  // Loaded when the command runs, so that other commands start without them.
  const { checkQueries, formatReport, parseExpectEmpty } = await import('../integrations/grafana/checkQueries.js');
  const { withLiveDashboards } = await import('./liveDashboards.js');
  const expect = readExpectEmpty(options.expectEmpty, parseExpectEmpty);
  if (expect.problems.length > 0) {
    for (const p of expect.problems) fail(`--expect-empty: ${p}`);
    return EXIT.usage;
  }
  return withLiveDashboards(options, async ({ dashboards, diagnostics, api, lookbackMs, scrapeIntervalMs }) => {
    const report = await checkQueries({ api, dashboards, lookbackMs, scrapeIntervalMs, expectEmpty: expect.entries });
    if (options.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else info(formatReport(report, { all: options.all }));
    return report.failures > 0 || diagnostics.length > 0 ? EXIT.problems : EXIT.ok;
  });
}

/** Registers `lookout check-queries` on the program. */
export function registerCheckQueries(program: Command): void {
  program
    .command('check-queries')
    .description('run every dashboard panel query (variables substituted as Grafana would) against a Prometheus; list the panels whose query fails or returns nothing')
    .requiredOption('--prometheus <url>', 'the Prometheus to query, e.g. http://127.0.0.1:9090')
    .option('--dir <dir>', 'the dashboard JSON folder', DEFAULT_DASHBOARD_DIR)
    .option('--from <duration>', 'how far back the queries look: [now - from, now]', '15m')
    .option('--expect-empty <file-or-list>', 'panels empty by design: a file with one <dashboard uid or title>/<panel title or #id> a line, or the same comma-separated')
    .option('--scrape-interval <duration>', "the datasource's scrape interval for $__rate_interval (default: the Prometheus's own global scrape_interval)")
    .option('--json', 'print the full report as JSON')
    .option('--all', 'list the panels that passed too')
    .action(async (opts: { prometheus: string; dir: string; from: string; expectEmpty?: string; scrapeInterval?: string; json?: boolean; all?: boolean }) => {
      process.exitCode = await checkQueriesCommand({ ...opts, dir: path.resolve(opts.dir) });
    });
}
