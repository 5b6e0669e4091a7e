/**
 * Issue 6's last two acceptance items, end to end: every generated dashboard's panel queries
 * run against a real Prometheus scraping the loaded reference gateway (`check-queries`, as a
 * function and as the command), and a preview of the Reliability dashboard screenshotted in
 * headless Chromium. The traffic and its faults are in liveGatewayTraffic.ts; the panels that
 * stay empty by design, each with its reason, in test/fixtures/grafana/live-expect-empty.txt.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { execa } from 'execa';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkQueries, parseExpectEmpty, type CheckReport, type ExpectEmpty, type PanelCheck } from '../../src/integrations/grafana/checkQueries.js';
import { readDashboardDir, type DashboardFile, type Panel } from '../../src/integrations/grafana/dashboardFiles.js';
import { PrometheusApi } from '../../src/integrations/prometheus/prometheusApi.js';
import { renderPreview, type PreviewSummary } from '../../src/integrations/preview/render.js';
import { DASHBOARD_DIR, ROOT, startLiveGateway, type LiveGateway } from './liveGatewayStack.js';
import { driveTraffic, type TrafficTally } from './liveGatewayTraffic.js';
import { launchChromium } from '../support/chromium.js';
import { pollFor } from '../support/poll.js';
import { TIMEOUT, WAIT } from '../support/timeouts.js';

const EXPECT_EMPTY_FILE = path.join(ROOT, 'test/fixtures/grafana/live-expect-empty.txt');
/** Where the screenshot is copied for a reviewer to look at (git-ignored). */
const REVIEW_PNG = path.join(ROOT, 'test-output', 'reliability-preview.png');

/** Long enough for every fault phase of the timeline and a few scrapes after the last one. */
const TRAFFIC_MS = 28_000;
const RELIABILITY_TITLE = 'AI gateway: reliability';

const label = (p: PanelCheck) => `${p.dashboard.uid}/${p.panel.title}`;
const describeQueries = (p: PanelCheck) => `${label(p)}: ${p.queries.map((q) => `${q.refId} ${q.status}${q.error ? ` (${q.error})` : ''}: ${q.expr}`).join('; ')}`;

/** Every panel of a dashboard that is not a row, collapsed rows' panels included, in order. */
function panelsOf(panels: readonly Panel[] | undefined): Panel[] {
  return (panels ?? []).flatMap((p) => (p.type === 'row' ? panelsOf(p.panels) : [p]));
}

describe('the generated dashboards against a Prometheus scraping the loaded reference gateway', () => {
  let live: LiveGateway;
  let api: PrometheusApi;
  let tally: TrafficTally;
  let trafficStarted: number;
  let dashboards: DashboardFile[];
  let report: CheckReport;
  const expectText = readFileSync(EXPECT_EMPTY_FILE, 'utf8');
  const expectEmpty = parseExpectEmpty(expectText, false);
  /** [now - lookback, now] starts a few seconds before the traffic did. */
  const lookbackMs = () => Date.now() - trafficStarted + 5_000;

  beforeAll(async () => {
    live = await startLiveGateway();
    api = new PrometheusApi(live.prometheus.url);
    trafficStarted = Date.now();
    tally = await driveTraffic(live.stack, TRAFFIC_MS);
    // Wait for a scrape that saw the last request, so the window holds all of the traffic.
    const answered = (await live.stack.metrics()).sum('gateway_requests_total');
    await pollFor('a scrape after the last request', WAIT.live, async () => {
      const now = await api.instant('sum(gateway_requests_total{job="ai-gateway"})', Date.now() / 1000);
      return now.ok && Number(now.series[0]?.samples.at(-1)?.[1]) === answered;
    });
    const read = await readDashboardDir(DASHBOARD_DIR);
    expect(read.diagnostics).toEqual([]);
    dashboards = read.dashboards;
    report = await checkQueries({ api, dashboards, lookbackMs: lookbackMs(), scrapeIntervalMs: await api.scrapeIntervalMs(), expectEmpty: expectEmpty.entries });
  }, TIMEOUT.live);
  afterAll(async () => {
    await live?.stop();
  });

  it('sent the traffic the dashboards are meant to show: teams, streams, policy hits, client errors, budget and limit refusals, faults', async () => {
    for (const seen of ['search 200', 'support 200', 'finance 200', 'burst 200']) expect(tally[seen], seen).toBeGreaterThan(0);
    // The guardrail's block and the malformed body (400), no key or a bad one (401), an unknown model (404).
    for (const seen of ['misuse 400', 'misuse 401', 'misuse 404']) expect(tally[seen], seen).toBeGreaterThan(0);
    expect(tally['finance 403'], 'finance spent its $10 budget').toBeGreaterThan(0);
    expect(tally['burst 429'], "requests over the batch team's tokens per minute").toBeGreaterThan(0);
    expect((tally['search 503'] ?? 0) + (tally['support 503'] ?? 0), 'both providers rate-limiting the gateway').toBeGreaterThan(0);
    const a = live.stack.providerA.stats().outcomes;
    const b = live.stack.providerB.stats().outcomes;
    expect(a.error).toBeGreaterThan(0);
    expect(a.reset).toBeGreaterThan(0);
    expect(a.rate_limited + b.rate_limited).toBeGreaterThan(0);
    expect(b.error).toBeGreaterThan(0);
    expect(live.stack.providerB.stats().usageOmitted).toBeGreaterThan(0);
    // Read from Prometheus: the circuits close again 30 s after they opened, however long this run has taken since.
    const window = `${Math.ceil(lookbackMs() / 1000)}s`;
    const opened = await api.instant(`sum(max_over_time(gateway_circuit_state{job="ai-gateway", provider="provider-a"}[${window}]))`, Date.now() / 1000);
    expect(opened.ok && Number(opened.series[0]?.samples.at(-1)?.[1]), "both of provider-a's circuits open (2 each)").toBe(4);
    const metrics = await live.stack.metrics();
    expect(metrics.sum('gateway_budget_live_checks_total', { outcome: 'transport_error' }), 'live budget checks while the ledger was down').toBeGreaterThan(0);
    expect(metrics.sum('gateway_budget_outbox_flush_failures_total'), 'an outbox flush while the ledger was down').toBeGreaterThan(0);
  });

  it('reads every generated dashboard, and $__rate_interval from the 1 s scrape interval', () => {
    const files = readdirSync(DASHBOARD_DIR).filter((f) => f.endsWith('.json'));
    expect(dashboards.map((d) => path.basename(d.file)).sort()).toEqual(files.sort());
    expect(dashboards.length).toBeGreaterThanOrEqual(7);
    expect(report.scrapeIntervalMs).toBe(1000);
    expect(report.variables, 'template variables that could not be resolved').toEqual([]);
    expect(report.panels.length).toBeGreaterThan(100);
    const reliability = report.panels.find((p) => p.dashboard.title === RELIABILITY_TITLE && p.panel.title === 'Chat success rate')!;
    expect(reliability.queries[0]!.expr).toContain('[4s]');
  });

  it('runs no panel query that Prometheus rejects', () => {
    expect(report.panels.filter((p) => p.status === 'failed').map(describeQueries)).toEqual([]);
  });

  it('leaves no panel empty except the ones listed as empty by design, and each listed one is empty', () => {
    expect(expectEmpty.problems).toEqual([]);
    expect(report.panels.filter((p) => p.status === 'empty').map(describeQueries)).toEqual([]);
    expect(report.unmatchedExpectations, 'entries that name no panel').toEqual([]);
    // A listed panel that returned data would pass as "ok" with a note: the list has gone stale.
    expect(report.panels.filter((p) => p.note).map(label), 'listed panels that have data').toEqual([]);
    expect(report.panels.filter((p) => p.status === 'empty-by-design').map(label).sort()).toEqual(expectEmpty.entries.map((e) => e.text).sort());
    expect(report.failures).toBe(0);
  });

  it('gives every entry of the list a comment saying why', () => {
    const lines = expectText.split('\n');
    for (const entry of expectEmpty.entries) {
      const at = lines.findIndex((l) => l.trim() === entry.text);
      expect(lines[at - 1]?.trim().startsWith('#'), `comment above ${entry.text}`).toBe(true);
    }
  });

  it('has the reasons right: each listed alert exists and is inactive', async () => {
    type Rule = { type: string; name: string; state?: string; labels?: Record<string, string> };
    const groups = await live.prometheus.api<{ groups: { rules: Rule[] }[] }>('/api/v1/rules');
    const alerts = groups.groups.flatMap((g) => g.rules).filter((r) => r.type === 'alerting');
    const byDesign = report.panels.filter((p) => p.status === 'empty-by-design');
    const alertPanels = byDesign.filter((p) => p.queries.some((q) => q.expr.includes('ALERTS{')));
    expect(alertPanels.length).toBeGreaterThan(0);
    for (const p of alertPanels) {
      const expr = p.queries[0]!.expr;
      const name = /alertname="([^"]+)"/.exec(expr)?.[1];
      const slo = /slo="([^"]+)"/.exec(expr)?.[1];
      const rules = alerts.filter((r) => r.name === name && r.labels?.slo === slo);
      // The panel is empty because its alert is quiet, not because it names an alert that does not exist.
      expect(rules.length, `alert rules behind ${label(p)}`).toBeGreaterThan(0);
      expect(rules.map((r) => r.state), label(p)).toEqual(rules.map(() => 'inactive'));
    }
    // The same ALERTS panels do show the SLOs whose budgets the faults burned.
    for (const slo of ['provider-errors', 'requests-success']) {
      const burned = report.panels.filter((p) => p.dashboard.title === `SLO: ai-gateway ${slo}` && p.panel.title.endsWith('BudgetBurn by tier'));
      expect(burned.map((p) => p.status), slo).toEqual(['ok']);
    }
    // Every other panel has data: only quiet alerts are empty by design.
    expect(byDesign.filter((p) => !alertPanels.includes(p)).map(label)).toEqual([]);
  });

  it('shows zero, not nothing, for what has not happened: policy failures with no policy that failed', async () => {
    const verdicts = await api.instant('count by (verdict) (gateway_policy_evaluations_total{job="ai-gateway"})', Date.now() / 1000);
    expect(verdicts.ok && verdicts.series.map((s) => s.labels.verdict).sort()).toEqual(['allow', 'block', 'redact']);
    const failures = report.panels.find((p) => p.panel.title === 'Policy failures per second by policy')!;
    expect(failures.status).toBe('ok');
  });

  it('the lookout check-queries command agrees: exit 0, the same panels empty by design', async () => {
    const from = `${Math.ceil(lookbackMs() / 1000)}s`;
    const run = await execa(path.join(ROOT, 'node_modules/.bin/tsx'), [path.join(ROOT, 'src/cli/main.ts'), 'check-queries', '--prometheus', live.prometheus.url, '--dir', DASHBOARD_DIR, '--from', from, '--expect-empty', EXPECT_EMPTY_FILE, '--json'], {
      cwd: ROOT,
      reject: false,
      env: { NO_COLOR: '1' },
    });
    expect(run.exitCode, run.stderr).toBe(0);
    const json = JSON.parse(run.stdout) as CheckReport;
    expect(json.failures).toBe(0);
    expect(json.panels.length).toBe(report.panels.length);
    expect(json.panels.filter((p) => p.status !== 'ok').map((p) => `${p.status} ${label(p)}`).sort()).toEqual(expectEmpty.entries.map((e: ExpectEmpty) => `empty-by-design ${e.text}`).sort());
  });

  describe('the Reliability dashboard previewed and screenshotted in headless Chromium', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lookout-live-preview-'));
    const html = path.join(dir, 'reliability.html');
    const png = path.join(dir, 'reliability.png');
    const requests: string[] = [];
    let context: BrowserContext;
    let page: Page;
    let summary: PreviewSummary;
    let reliability: DashboardFile;

    beforeAll(async () => {
      reliability = dashboards.find((d) => d.dashboard.title === RELIABILITY_TITLE)!;
      expect(reliability, RELIABILITY_TITLE).toBeDefined();
      const rendered = await renderPreview({ api, dashboards: [reliability], lookbackMs: Date.now() - trafficStarted + 2_000, scrapeIntervalMs: 1000 });
      summary = rendered.summary;
      writeFileSync(html, rendered.html);
      context = await launchChromium(dir, { width: 1480, height: 1000 });
      page = await context.newPage();
      page.on('request', (r) => requests.push(r.url()));
      await page.goto(pathToFileURL(html).href);
      await page.screenshot({ path: png, fullPage: true });
      mkdirSync(path.dirname(REVIEW_PNG), { recursive: true });
      copyFileSync(png, REVIEW_PNG);
    }, TIMEOUT.serverStart);
    afterAll(async () => {
      await context?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('queried every panel without an error or an empty answer', () => {
      const queried = panelsOf(reliability.dashboard.panels).filter((p) => (p.targets ?? []).length > 0).length;
      expect(summary).toEqual({ dashboards: 1, panels: queried, series: expect.any(Number), panelsWithErrors: 0, emptyPanels: 0 });
      expect(summary.series).toBeGreaterThan(queried);
    });

    it('shows the dashboard and every panel title, in order', async () => {
      expect(await page.locator('section.dashboard > h2').allTextContents()).toEqual([RELIABILITY_TITLE]);
      expect(await page.locator('figure.panel > figcaption').allTextContents()).toEqual(panelsOf(reliability.dashboard.panels).map((p) => p.title));
      expect(await page.locator('.row-title').allTextContents()).toEqual((reliability.dashboard.panels ?? []).filter((p) => p.type === 'row').map((p) => p.title));
    });

    it('draws every timeseries panel as lines of many points across the chart, and no panel says No data', async () => {
      const figures = await page.locator('figure.panel').evaluateAll((els) =>
        els.map((el) => ({
          title: el.getAttribute('data-title'),
          type: el.getAttribute('data-type'),
          text: (el as unknown as { innerText: string }).innerText,
          errors: el.querySelectorAll('.errors').length,
          series: [...el.querySelectorAll('path.series')].map((p) => ({
            points: Number(p.getAttribute('data-points')),
            width: (p as unknown as { getBBox(): { width: number } }).getBBox().width,
          })),
        })),
      );
      const timeseries = figures.filter((f) => f.type === 'timeseries');
      expect(timeseries.length).toBe(panelsOf(reliability.dashboard.panels).filter((p) => p.type === 'timeseries').length);
      for (const f of timeseries) {
        expect(f.series.length, `${f.title}: series drawn`).toBeGreaterThan(0);
        // One point a second over the ~30 s of traffic; the longest line spans most of the chart.
        expect(Math.max(...f.series.map((s) => s.points)), `${f.title}: points`).toBeGreaterThanOrEqual(15);
        expect(Math.max(...f.series.map((s) => s.width)), `${f.title}: line width in px`).toBeGreaterThan(150);
      }
      for (const f of figures) {
        expect(f.text, `${f.title}`).not.toMatch(/No data|Query error/);
        expect(f.errors, `${f.title}: query errors`).toBe(0);
      }
      const up = figures.find((f) => f.title === 'Replicas up')!;
      expect(up.text.replace(up.title ?? '', '').trim()).toMatch(/^1\b/);
    });

    it('draws the faults: provider errors, fallbacks, every kind of client answer, and attempt outcomes', async () => {
      /** Each drawn line's series name and height in px: a line that stays at zero is flat. */
      const lines = async (title: string) =>
        new Map(
          await page
            .locator('figure.panel', { has: page.locator('figcaption', { hasText: new RegExp(`^${title}$`) }) })
            .evaluate((el) => [...el.querySelectorAll('path.series')].map((p) => [p.getAttribute('data-series') ?? '', (p as unknown as { getBBox(): { height: number } }).getBBox().height] as const)),
        );
      const errorRate = await lines('Provider error rate');
      expect(errorRate.get('provider-a'), 'provider-a error rate moves').toBeGreaterThan(5);
      expect(errorRate.get('provider-b'), 'provider-b error rate moves').toBeGreaterThan(5);
      expect((await lines('Fallback ratio by provider')).get('provider-a'), 'provider-a fallback ratio moves').toBeGreaterThan(5);
      expect([...(await lines('Requests per second by status code')).keys()]).toEqual(expect.arrayContaining(['200', '400', '401', '403', '404', '429', '503']));
      expect([...(await lines('Provider attempts per second by outcome')).keys()]).toEqual(expect.arrayContaining(['success', 'error', 'connection_error', 'rate_limited', 'circuit_open']));
    });

    it('writes a full-page screenshot, fetching nothing but the page itself', () => {
      expect(requests).toEqual([pathToFileURL(html).href]);
      const bytes = readFileSync(png);
      expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
      expect(bytes.readUInt32BE(16), 'width').toBeGreaterThanOrEqual(1440);
      expect(bytes.readUInt32BE(20), 'height').toBeGreaterThan(1000);
      expect(statSync(REVIEW_PNG).size).toBe(bytes.length);
    });
  });
});
