import { mkdtempSync, copyFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDashboardDir, type Variable } from '../../src/integrations/grafana/dashboardFiles.js';
import { interpolate, resolveVariables } from '../../src/integrations/grafana/variables.js';
import { checkQueries, formatReport, parseExpectEmpty, type CheckReport } from '../../src/integrations/grafana/checkQueries.js';
import { PrometheusApi, PrometheusUnreachable } from '../../src/integrations/prometheus/prometheusApi.js';
import { freePort } from '../../src/integrations/loadtest/ports.js';
import { DASHBOARDS, FIXTURE_DIR, startLiveDemo, type LiveDemo } from '../fixtures/grafana/queries/liveDemo.js';
import { TIMEOUT } from '../support/timeouts.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CLI = path.join(ROOT, 'src/cli/main.ts');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');

function lookout(args: string[]) {
  return execa(TSX, [CLI, ...args], { cwd: ROOT, reject: false, env: { NO_COLOR: '1' } });
}

function panel(report: CheckReport, uid: string, title: string) {
  const found = report.panels.find((p) => p.dashboard.uid === uid && p.panel.title === title);
  if (!found) throw new Error(`no panel ${uid}/${title} in the report: ${report.panels.map((p) => `${p.dashboard.uid}/${p.panel.title}`).join(', ')}`);
  return found;
}

describe('check-queries against a real Prometheus', () => {
  let demo: LiveDemo;
  let report: CheckReport;

  beforeAll(async () => {
    demo = await startLiveDemo();
    const { dashboards, diagnostics } = await readDashboardDir(DASHBOARDS);
    expect(diagnostics).toEqual([]);
    const api = new PrometheusApi(demo.prometheus.url);
    report = await checkQueries({
      api,
      dashboards,
      lookbackMs: 60_000,
      scrapeIntervalMs: await api.scrapeIntervalMs(),
      expectEmpty: parseExpectEmpty('demo-service/Errors', true).entries,
    });
  }, TIMEOUT.serverStart);
  afterAll(async () => {
    await demo?.stop();
  });

  it('reads the scrape interval from the server, so $__rate_interval is 4 scrapes', () => {
    expect(report.scrapeIntervalMs).toBe(1000);
    const rate = panel(report, 'demo-service', 'Request rate').queries[0]!;
    expect(rate.expr).toContain('[4s]');
  });

  it('names the panel whose query Prometheus cannot parse, with its error text', () => {
    const broken = panel(report, 'broken-panels', 'Broken query');
    expect(broken.status).toBe('failed');
    expect(broken.queries[0]!.error).toMatch(/bad_data: .*parse error/);
  });

  it('names the panel whose metric does not exist as empty', () => {
    const missing = panel(report, 'broken-panels', 'Missing metric');
    expect(missing.status).toBe('empty');
    expect(missing.queries[0]).toMatchObject({ status: 'empty', series: 0 });
  });

  it('passes a panel listed as empty by design and reports it as such', () => {
    expect(panel(report, 'demo-service', 'Errors').status).toBe('empty-by-design');
    expect(report.unmatchedExpectations).toEqual([]);
  });

  it('passes every other panel, with the variables substituted as Grafana would', () => {
    for (const title of ['Request rate', 'Latency p${quantile}', 'In flight', 'Success ratio', 'Requests by code']) {
      expect(panel(report, 'demo-service', title), title).toMatchObject({ status: 'ok' });
    }
    // $job has no saved value: it is All, expanded from label_values(up, job) to its one value.
    // $route is saved as All: both routes, regex-escaped inside a PromQL string.
    expect(panel(report, 'demo-service', 'Request rate').queries[0]!.expr).toBe(
      'sum by (route) (rate(demo_requests_total{job=~"demo", route=~"(/api/orders|/api/users\\\\.v2)"}[4s]))',
    );
    expect(panel(report, 'demo-service', 'Latency p${quantile}').queries[0]!.expr).toContain('histogram_quantile(0.95,');
    // Instant and range both ticked: two queries.
    expect(panel(report, 'demo-service', 'In flight').queries.map((q) => q.kind)).toEqual(['range', 'instant']);
    expect(panel(report, 'demo-service', 'Requests by code').queries[0]!.expr).toContain('[60s]');
  });

  it('skips panels that run no Prometheus query and counts only real failures', () => {
    expect(report.panels.some((p) => p.panel.title === 'Notes' || p.panel.title === 'Loki logs')).toBe(false);
    expect(report.skippedPanels).toBe(1);
    expect(report.failures).toBe(2);
    const table = formatReport(report);
    expect(table.split('\n')[0]).toMatch(/^STATUS\s+DASHBOARD\s+PANEL\s+DETAIL$/);
    expect(table).toMatch(/FAILED\s+broken-panels\s+Broken query\s+A: bad_data:/);
    expect(table).toMatch(/EMPTY\s+broken-panels\s+Missing metric\s+A \(range\) returned no series/);
    expect(table).toMatch(/empty \(expected\)\s+demo-service\s+Errors/);
  });

  it('runs query variables against Prometheus: label_values with a regex and a sort, query_result, chained variables', async () => {
    const api = new PrometheusApi(demo.prometheus.url);
    const now = Date.now();
    const list = [
      // Listed before the variable it uses: resolved after it all the same.
      { type: 'query', name: 'code', query: 'label_values(demo_requests_total{route=~".*$route.*"}, code)', sort: 4 },
      { type: 'query', name: 'route', query: 'label_values(demo_requests_total, route)', regex: '/\\/api\\/(?<value>[a-z]+).*/', sort: 2 },
      { type: 'query', name: 'top', query: 'query_result(topk(1, sum by (route) (demo_requests_total)))', regex: '/route="([^"]+)"/' },
      { type: 'query', name: 'nothing', query: 'label_values(demo_metric_that_does_not_exist_total, job)', includeAll: true, multi: true },
      { type: 'query', name: 'bad', query: 'query_result(sum(()' },
    ] as Variable[];
    const { values, problems } = await resolveVariables(list, { api, window: { fromMs: now - 60_000, toMs: now } });
    expect(values.get('route')).toMatchObject({ values: ['users'], source: 'first' });
    // Only /api/users.v2 answers 500; numerically descending, it comes first.
    expect(values.get('code')).toMatchObject({ values: ['500'] });
    expect(values.get('top')).toMatchObject({ values: ['/api/orders'] });
    expect(interpolate('x{a=~"$nothing"}', values)).toBe('x{a=~"()"}');
    expect(problems.map((p) => `${p.name} ${p.kind}`)).toEqual(['nothing empty', 'bad failed']);
    expect(problems[1]!.message).toMatch(/parse error/);
  });

  it('reports an --expect-empty entry that names no panel, and a listed panel that has data', async () => {
    const { dashboards } = await readDashboardDir(DASHBOARDS);
    const api = new PrometheusApi(demo.prometheus.url);
    const r = await checkQueries({ api, dashboards, lookbackMs: 60_000, scrapeIntervalMs: 1000, expectEmpty: parseExpectEmpty('Demo service/#7, demo-service/In flight, demo-service/Gone', true).entries });
    expect(panel(r, 'demo-service', 'Errors').status).toBe('empty-by-design');
    expect(panel(r, 'demo-service', 'In flight')).toMatchObject({ status: 'ok', note: 'listed in --expect-empty but returned data' });
    expect(r.unmatchedExpectations).toEqual(['demo-service/Gone']);
  });

  it('the command exits 1 naming the failures, with --json and an --expect-empty file', async () => {
    const run = await lookout(['check-queries', '--prometheus', demo.prometheus.url, '--dir', DASHBOARDS, '--from', '1m', '--json', '--expect-empty', path.join(FIXTURE_DIR, 'expect-empty.txt')]);
    expect(run.exitCode, run.stderr).toBe(1);
    const json = JSON.parse(run.stdout) as CheckReport;
    expect(json.failures).toBe(2);
    expect(json.panels.filter((p) => p.status !== 'ok').map((p) => `${p.status} ${p.dashboard.uid}/${p.panel.title}`).sort()).toEqual([
      'empty broken-panels/Missing metric',
      'empty-by-design demo-service/Errors',
      'failed broken-panels/Broken query',
    ]);
  });

  it('the command exits 0 when every panel has data or is expected empty', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lookout-cq-'));
    try {
      copyFileSync(path.join(DASHBOARDS, 'demo-service.json'), path.join(dir, 'demo-service.json'));
      const run = await lookout(['check-queries', '--prometheus', demo.prometheus.url, '--dir', dir, '--from', '1m', '--expect-empty', 'demo-service/Errors']);
      expect(run.exitCode, run.stdout + run.stderr).toBe(0);
      expect(run.stdout).toMatch(/6 panels, 7 queries .*: 5 ok, 0 failed, 0 empty, 1 empty by design/);
      const strict = await lookout(['check-queries', '--prometheus', demo.prometheus.url, '--dir', dir, '--from', '1m']);
      expect(strict.exitCode).toBe(1);
      expect(strict.stdout).toMatch(/EMPTY\s+demo-service\s+Errors/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('check-queries without a usable Prometheus or dashboards', () => {
  it('says which Prometheus it could not reach, exit 2', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    await expect(new PrometheusApi(url).instant('up', 0)).rejects.toBeInstanceOf(PrometheusUnreachable);
    const run = await lookout(['check-queries', '--prometheus', url, '--dir', DASHBOARDS]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain(`cannot query Prometheus at ${url}`);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('names the file and the field of a dashboard it cannot read, and still reads the others', async () => {
    const { dashboards, diagnostics } = await readDashboardDir(path.join(FIXTURE_DIR, 'bad'));
    expect(dashboards.map((d) => d.dashboard.uid)).toEqual(['broken-panels']);
    const shown = diagnostics.map((d) => `${path.basename(d.file ?? '')}${d.line ? `:${d.line}` : ''} ${d.code} ${d.path}: ${d.message}`);
    expect(shown).toEqual([
      expect.stringMatching(/^bad-shape\.json grafana\/dashboard-shape uid: /),
      expect.stringMatching(/^bad-shape\.json grafana\/dashboard-shape panels\[1\]\.gridPos\.w: .*24/),
      expect.stringMatching(/^bad-shape\.json grafana\/dashboard-shape panels\[1\]\.targets\[0\]\.expr: .*string/),
      expect.stringMatching(/^not-json\.json:4 grafana\/dashboard-json : not valid JSON/),
    ]);
  });

  it('rejects --expect-empty entries it cannot read', () => {
    expect(parseExpectEmpty('demo-service', true).problems).toEqual(['"demo-service" is not <dashboard uid or title>/<panel title or #id>']);
    expect(parseExpectEmpty('# comment\n\na/b c\n', false).entries).toEqual([{ dashboard: 'a', panel: 'b c', text: 'a/b c' }]);
  });
});
