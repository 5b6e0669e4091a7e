import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { execa } from 'execa';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDashboardDir } from '../../src/integrations/grafana/dashboardFiles.js';
import { PrometheusApi } from '../../src/integrations/prometheus/prometheusApi.js';
import { renderPreview, type PreviewSummary } from '../../src/integrations/preview/render.js';
import { DASHBOARDS, startLiveDemo, type LiveDemo } from '../fixtures/grafana/queries/liveDemo.js';
import { launchChromium } from '../support/chromium.js';
import { pollFor } from '../support/poll.js';
import { TIMEOUT, WAIT } from '../support/timeouts.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** The one browser global used below; the project compiles without the DOM library. */
interface BrowserGlobals {
  getComputedStyle(el: unknown): { fill: string };
}

/** What the browser shows for one panel: its title, the drawn series paths with their rendered size, texts. */
async function panelView(page: Page, dashboard: string, title: string) {
  const figure = page.locator(`section[data-uid="${dashboard}"] figure.panel`).filter({ has: page.locator('figcaption', { hasText: new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }) });
  expect(await figure.count(), `panels titled ${title}`).toBe(1);
  return figure.evaluate((el) => ({
    type: el.getAttribute('data-type'),
    caption: el.querySelector('figcaption')?.textContent,
    series: [...el.querySelectorAll('path.series')].map((p) => {
      const box = (p as unknown as { getBBox(): { width: number; height: number } }).getBBox();
      return { name: p.getAttribute('data-series'), points: Number(p.getAttribute('data-points')), width: box.width, height: box.height, stroke: p.getAttribute('stroke') };
    }),
    thresholds: [...el.querySelectorAll('line.threshold')].map((l) => Number(l.getAttribute('data-value'))),
    legend: [...el.querySelectorAll('.legend-item text')].map((t) => t.textContent),
    values: [...el.querySelectorAll('text.value')].map((t) => ({ text: t.textContent, fill: t.getAttribute('fill'), color: (globalThis as unknown as BrowserGlobals).getComputedStyle(t).fill })),
    rows: [...el.querySelectorAll('table.data tbody tr')].map((r) => [...r.querySelectorAll('td')].slice(0, 2).map((c) => c.textContent)),
    text: (el as unknown as { innerText: string }).innerText,
  }));
}

describe('preview against a real Prometheus, screenshotted in headless Chromium', () => {
  let demo: LiveDemo;
  let context: BrowserContext;
  let page: Page;
  let summary: PreviewSummary;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lookout-preview-'));
  const html = path.join(dir, 'index.html');
  const png = path.join(dir, 'preview.png');
  const requests: string[] = [];

  beforeAll(async () => {
    demo = await startLiveDemo();
    // A few seconds of rate() points, so every line has several to join.
    const api = new PrometheusApi(demo.prometheus.url);
    await pollFor('five rate() points', WAIT.live, async () => {
      const now = Date.now() / 1000;
      const r = await api.range('sum(rate(demo_requests_total[4s]))', now - 60, now, 1);
      return r.ok && (r.series[0]?.samples.length ?? 0) >= 5;
    });
    const { dashboards } = await readDashboardDir(DASHBOARDS);
    const rendered = await renderPreview({ api, dashboards, lookbackMs: 60_000, scrapeIntervalMs: 1000 });
    summary = rendered.summary;
    writeFileSync(html, rendered.html);

    context = await launchChromium(dir, { width: 1480, height: 1000 });
    page = await context.newPage();
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(html).href);
    await page.screenshot({ path: png, fullPage: true });
  }, TIMEOUT.live);
  afterAll(async () => {
    await context?.close();
    await demo?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('counts what it drew', () => {
    // 8 panels run Prometheus queries; 7 series come back; one query fails; the missing metric and the error panel are empty.
    expect(summary).toEqual({ dashboards: 2, panels: 8, series: 7, panelsWithErrors: 1, emptyPanels: 2 });
  });

  it('has one section per dashboard and every panel title, with variables filled in', async () => {
    expect(await page.locator('section.dashboard > h2').allTextContents()).toEqual(['Broken panels', 'Demo service']);
    expect(await page.locator('section[data-uid="demo-service"] figcaption').allTextContents()).toEqual(['Request rate', 'Latency p0.95', 'In flight', 'Success ratio', 'Errors', 'Requests by code']);
    expect(await page.locator('.row-title').allTextContents()).toEqual(['Problems']);
  });

  it('draws a timeseries line per series, with points, its legend and its threshold line', async () => {
    const rate = await panelView(page, 'demo-service', 'Request rate');
    expect(rate.series.map((s) => s.name).sort()).toEqual(['/api/orders', '/api/users.v2']);
    for (const s of rate.series) {
      expect(s.points).toBeGreaterThanOrEqual(3);
      expect(s.width).toBeGreaterThan(5);
    }
    expect(new Set(rate.series.map((s) => s.stroke)).size).toBe(2);
    expect(rate.legend.sort()).toEqual(['/api/orders', '/api/users.v2']);
    expect(rate.thresholds).toEqual([40]);
    expect(rate.text).toMatch(/req\/s/);

    const latency = await panelView(page, 'demo-service', 'Latency p0.95');
    expect(latency.series).toHaveLength(1);
    expect(latency.series[0]!.points).toBeGreaterThanOrEqual(3);
    expect(latency.legend).toEqual(['p0.95']);
    expect(latency.thresholds).toEqual([0.25]);
    expect(latency.text).toMatch(/\d+ ms/);
  });

  it('draws a stat as its last value with a sparkline, colored by its thresholds', async () => {
    const stat = await panelView(page, 'demo-service', 'In flight');
    expect(stat.values).toHaveLength(1);
    expect(Number(stat.values[0]!.text)).toBeGreaterThanOrEqual(10);
    expect(Number(stat.values[0]!.text)).toBeLessThanOrEqual(16);
    // Under the 50 threshold: green, and the browser paints it so.
    expect(stat.values[0]!.fill).toBe('#73BF69');
    expect(stat.values[0]!.color).toBe('rgb(115, 191, 105)');
    expect(stat.series[0]!.points).toBeGreaterThanOrEqual(3);
    expect(stat.series[0]!.width).toBeGreaterThan(5);
  });

  it('draws a gauge arc for the ratio and a table with the last values', async () => {
    const gauge = await panelView(page, 'demo-service', 'Success ratio');
    expect(gauge.values[0]!.text).toMatch(/^9\d(\.\d+)?%$/);
    expect(gauge.series[0]!.width).toBeGreaterThan(5);
    const table = await panelView(page, 'demo-service', 'Requests by code');
    expect(table.rows.map((r) => r[0])).toEqual(['HTTP 200', 'HTTP 500']);
    expect(table.series.every((s) => s.points >= 3)).toBe(true);
  });

  it("shows Prometheus's error for a broken query and No data for an empty one", async () => {
    expect((await panelView(page, 'broken-panels', 'Broken query')).text).toMatch(/parse error: unclosed left parenthesis/);
    const missing = await panelView(page, 'broken-panels', 'Missing metric');
    expect(missing.series).toEqual([]);
    expect(missing.text).toContain('No data');
    expect((await panelView(page, 'broken-panels', 'Loki logs')).text).toContain('no Prometheus query');
  });

  it('lays panels out on the 24-column grid', async () => {
    const box = async (title: string) => (await page.locator('section[data-uid="demo-service"] figure.panel', { has: page.locator('figcaption', { hasText: title }) }).boundingBox())!;
    const rate = await box('Request rate');
    const latency = await box('Latency p0.95');
    const stat = await box('In flight');
    // Side by side, half the width each; the w=6 stat is half as wide and sits below.
    expect(Math.abs(rate.y - latency.y)).toBeLessThan(1);
    expect(latency.x).toBeGreaterThan(rate.x + rate.width);
    expect(stat.width / rate.width).toBeCloseTo(0.49, 1);
    expect(stat.y).toBeGreaterThan(rate.y + rate.height);
  });

  it('fetches nothing but itself, and the screenshot is written', () => {
    expect(requests).toEqual([pathToFileURL(html).href]);
    const size = pngSize(png);
    expect(size.width).toBeGreaterThanOrEqual(1440);
    expect(size.height).toBeGreaterThan(900);
    expect(statSync(png).size).toBeGreaterThan(40_000);
  });
});

describe('lookout preview', () => {
  let demo: LiveDemo;
  beforeAll(async () => {
    demo = await startLiveDemo();
  });
  afterAll(async () => {
    await demo?.stop();
  });

  it('writes one self-contained page and says what it drew', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lookout-preview-cli-'));
    try {
      const out = path.join(dir, 'nested', 'index.html');
      const run = await execa(path.join(ROOT, 'node_modules/.bin/tsx'), [path.join(ROOT, 'src/cli/main.ts'), 'preview', '--prometheus', demo.prometheus.url, '--dir', DASHBOARDS, '--out', out, '--from', '5m'], { cwd: ROOT, reject: false });
      expect(run.exitCode, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/^wrote .*index\.html: 2 dashboards, 8 panels, \d+ series, 1 with query errors, 2 without data$/);
      const page = readFileSync(out, 'utf8');
      expect(page).toContain("default-src 'none'");
      expect(page).not.toMatch(/<script|<link|<img|\bsrc=|url\(/);
      expect(page.match(/<path class="series/g)?.length).toBeGreaterThanOrEqual(5);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
