/**
 * The screenshots in docs/images/preview/: the repository's own dashboards drawn by
 * `lookout preview --synthetic` at a fixed time, so before/after pictures show the same data.
 * Run with `npx tsx test/grafana/previewScreenshots.ts <name>`: writes <name>-<dashboard>.png.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startProjectPrometheus } from '../../src/cli/previewSynthetic.js';
import { readDashboardDir } from '../../src/integrations/grafana/dashboardFiles.js';
import { PrometheusApi } from '../../src/integrations/prometheus/prometheusApi.js';
import { renderPreview } from '../../src/integrations/preview/render.js';
import { launchChromium } from '../support/chromium.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const OUT = path.join(ROOT, 'docs/images/preview');
/** A fixed end of the window: the same synthetic data on every run. */
const NOW = Date.UTC(2025, 0, 15, 12, 0, 0);
const LOOKBACK_MS = 3_600_000;
/** The dashboards pictured: the SLO overview, one SLO's own page, and the reliability board. */
const SHOWN = { 'slo-overview': 'ai-gateway-slo-a9a1d502ae', 'slo-availability': 'slo-ai-gateway-availability-2bfe0c3752', reliability: 'ai-gateway-reliability-92d6fd232f' };

const name = process.argv[2] ?? 'after';
const dir = path.join(ROOT, 'generated/grafana/dashboards');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'lookout-shots-'));
const prometheus = await startProjectPrometheus({ root: ROOT, dir, lookbackMs: LOOKBACK_MS, now: NOW });
if (!prometheus) process.exit(1);
try {
  const { dashboards } = await readDashboardDir(dir);
  const { html, summary } = await renderPreview({ api: new PrometheusApi(prometheus.url), dashboards, lookbackMs: LOOKBACK_MS, now: prometheus.now, scrapeIntervalMs: prometheus.scrapeIntervalMs });
  console.log(summary);
  const page = path.join(tmp, 'index.html');
  writeFileSync(page, html);
  const context = await launchChromium(tmp, { width: 1480, height: 1000 });
  try {
    const tab = await context.newPage();
    await tab.goto(pathToFileURL(page).href);
    mkdirSync(OUT, { recursive: true });
    for (const [file, uid] of Object.entries(SHOWN)) {
      const shot = path.join(OUT, `${name}-${file}.png`);
      await tab.locator(`section[data-uid="${uid}"]`).screenshot({ path: shot });
      console.log(path.relative(ROOT, shot));
    }
  } finally {
    await context.close();
  }
} finally {
  await prometheus.stop();
  rmSync(tmp, { recursive: true, force: true });
}
