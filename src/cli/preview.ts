import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { parseDuration } from '../library/duration.js';
import { DEFAULT_DASHBOARD_DIR, DEFAULT_PREVIEW_OUT } from './defaults.js';
import { EXIT, fail, info } from './output.js';

export interface PreviewCommandOptions {
  /** The Prometheus to query; without it, `synthetic` must be set. */
  prometheus?: string | undefined;
  /** Start a local Prometheus with synthetic data for the project at `project` instead. */
  synthetic?: boolean | undefined;
  project?: string | undefined;
  dir: string;
  out: string;
  from: string;
  scrapeInterval?: string | undefined;
}

/**
 * `lookout preview`: draws the dashboards in `--dir` from range queries against a real
 * Prometheus into one self-contained HTML page. Exit 1 when a dashboard file could not be
 * read (the others are still drawn), 2 on bad arguments or an unreachable Prometheus.
 */
export async function previewCommand(options: PreviewCommandOptions): Promise<number> {
  if (Boolean(options.prometheus) === Boolean(options.synthetic)) {
    fail('lookout preview needs a data source: --prometheus URL, or --synthetic for a local Prometheus with made-up data');
    return EXIT.usage;
  }
  const lookbackMs = parseDuration(options.from);
  if (!lookbackMs) {
    fail(`--from "${options.from}" is not a duration (for example 15m, 1h)`);
    return EXIT.usage;
  }
  if (!options.synthetic) return draw({ ...options, prometheus: options.prometheus! });
  const { startProjectPrometheus } = await import('./previewSynthetic.js');
  const synthetic = await startProjectPrometheus({ root: options.project ?? process.cwd(), dir: options.dir, lookbackMs });
  if (!synthetic) return EXIT.problems;
  try {
    return await draw({ ...options, prometheus: synthetic.url, scrapeInterval: `${synthetic.scrapeIntervalMs / 1000}s` }, synthetic.now);
  } finally {
    await synthetic.stop();
  }
}

async function draw(options: PreviewCommandOptions & { prometheus: string }, now?: number): Promise<number> {
  // Loaded when the command runs, so that other commands start without them.
  const { renderPreview } = await import('../integrations/preview/render.js');
  const { withLiveDashboards } = await import('./liveDashboards.js');
  return withLiveDashboards(options, async ({ dashboards, diagnostics, api, lookbackMs, scrapeIntervalMs }) => {
    const { html, summary } = await renderPreview({ api, dashboards, lookbackMs, scrapeIntervalMs, now });
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
    .option('--prometheus <url>', 'the Prometheus to query, e.g. http://127.0.0.1:9090')
    .option('--synthetic', "instead of --prometheus: start a local Prometheus with synthetic series for every catalog metric and the project's recording rules backfilled over the window; stopped when the page is written")
    .option('--project <dir>', 'with --synthetic: the project folder (holds lookout.config.ts and generated/)', '.')
    .option('--dir <dir>', 'the dashboard JSON folder (default: generated/grafana/dashboards of the project)')
    .option('--out <file>', 'the page to write', DEFAULT_PREVIEW_OUT)
    .option('--from <duration>', 'the window drawn: [now - from, now]', '1h')
    .option('--scrape-interval <duration>', "the datasource's scrape interval for $__rate_interval (default: the Prometheus's own global scrape_interval)")
    .action(async (opts: { prometheus?: string; synthetic?: boolean; project: string; dir?: string; out: string; from: string; scrapeInterval?: string }) => {
      const project = path.resolve(opts.project);
      const dir = path.resolve(opts.dir ?? (opts.synthetic ? path.join(project, DEFAULT_DASHBOARD_DIR) : DEFAULT_DASHBOARD_DIR));
      process.exitCode = await previewCommand({ ...opts, project, dir, out: path.resolve(opts.out) });
    });
}
