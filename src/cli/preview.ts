import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { DEFAULT_DASHBOARD_DIR, DEFAULT_PREVIEW_OUT } from './defaults.js';
import { EXIT, info } from './output.js';

export interface PreviewCommandOptions {
  prometheus: string;
  dir: string;
  out: string;
  from: string;
  scrapeInterval?: string;
}

/**
 * `lookout preview`: draws the dashboards in `--dir` from range queries against a real
 * Prometheus into one self-contained HTML page. Exit 1 when a dashboard file could not be
 * read (the others are still drawn), 2 on bad arguments or an unreachable Prometheus.
 */
export async function previewCommand(options: PreviewCommandOptions): Promise<number> {
  // Loaded when the command runs, so that other commands start without them.
  const { renderPreview } = await import('../toolkit/grafana/preview/render.js');
  const { withLiveDashboards } = await import('./liveDashboards.js');
  return withLiveDashboards(options, async ({ dashboards, diagnostics, api, lookbackMs, scrapeIntervalMs }) => {
    const { html, summary } = await renderPreview({ api, dashboards, lookbackMs, scrapeIntervalMs });
    await mkdir(path.dirname(options.out), { recursive: true });
    await writeFile(options.out, html);
    info(
      `wrote ${path.relative(process.cwd(), options.out) || options.out}: ${summary.dashboards} dashboards, ${summary.panels} panels, ${summary.series} series` +
        (summary.panelsWithErrors ? `, ${summary.panelsWithErrors} with query errors` : '') +
        (summary.emptyPanels ? `, ${summary.emptyPanels} without data` : ''),
    );
    return diagnostics.length > 0 ? EXIT.problems : EXIT.ok;
  });
}

/** Registers `lookout preview` on the program. */
export function registerPreview(program: Command): void {
  program
    .command('preview')
    .description('draw the dashboards from range queries against a Prometheus into one static HTML page')
    .requiredOption('--prometheus <url>', 'the Prometheus to query, e.g. http://127.0.0.1:9090')
    .option('--dir <dir>', 'the dashboard JSON folder', DEFAULT_DASHBOARD_DIR)
    .option('--out <file>', 'the page to write', DEFAULT_PREVIEW_OUT)
    .option('--from <duration>', 'the window drawn: [now - from, now]', '1h')
    .option('--scrape-interval <duration>', "the datasource's scrape interval for $__rate_interval (default: the Prometheus's own global scrape_interval)")
    .action(async (opts: { prometheus: string; dir: string; out: string; from: string; scrapeInterval?: string }) => {
      process.exitCode = await previewCommand({ ...opts, dir: path.resolve(opts.dir), out: path.resolve(opts.out) });
    });
}
