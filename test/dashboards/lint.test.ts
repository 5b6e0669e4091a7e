import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { prometheusBuiltins } from '../../src/library/catalog/builtin.js';
import { MetricIndex } from '../../src/library/catalog/metricIndex.js';
import { checkDashboard, checkDuplicates, DASHBOARD_CHECKS } from '../../src/library/dashboards/checks/index.js';
import { alert } from '../../src/library/alerts/define.js';
import { allChecks } from '../../src/engine/checks/registry.js';
import { checkProjectDashboards } from '../../src/engine/compiler/dashboards.js';
import { shop } from '../fixtures/mini/metrics.js';
import { good, planted } from '../fixtures/dashboards/shop.js';
import { goSemantics } from '../../src/engine/compiler/semantics.js';

const index = new MetricIndex([prometheusBuiltins, shop]);
const SCRAPE = 15_000;
const lint = (d: ReturnType<typeof good>) => checkDashboard(d, index, SCRAPE, 60_000, goSemantics);
const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/dashboards/shop.ts');

describe('the dashboard lint', () => {
  it('finds nothing wrong with a well-formed dashboard', () => {
    expect(lint(good())).toEqual([]);
  });

  it('has a planted dashboard for every dashboard check, so each one is seen to fail', () => {
    const ids = DASHBOARD_CHECKS.map((c) => c.check.id);
    for (const id of ids) expect(Object.keys(planted), `no planted dashboard for ${id}`).toContain(id);
  });

  it.each(Object.keys(planted))('reports %s on the dashboard planted with that mistake, and nothing else', (id) => {
    const diagnostics = lint(planted[id]!());
    expect(diagnostics.map((d) => d.code)).toContain(id);
    expect(new Set(diagnostics.map((d) => d.code))).toEqual(new Set([id]));
    for (const d of diagnostics) expect(d.severity).toBe('error');
  });

  it('names the dashboard, the JSON path and the line of the panel factory', () => {
    const [d] = lint(planted['promql/unknown-metric']!());
    expect(d).toMatchObject({ code: 'promql/unknown-metric', path: 'shop-overview.panels[5].targets[0].expr', message: 'unknown metric "shop_request_total"', file: FIXTURE });
    expect(d!.line).toBeGreaterThan(1);
    // The underline is in the query as written, Grafana variables and all.
    expect(d!.snippet!.text).toBe('sum(rate(shop_request_total[$__rate_interval]))');
    expect(d!.snippet!.text.slice(d!.snippet!.from, d!.snippet!.to)).toBe('shop_request_total');
  });

  it('underlines the fixed window of a rate() in the query as written', () => {
    const [d] = lint(planted['dashboard/rate-interval']!());
    expect(d!.snippet!.text.slice(d!.snippet!.from, d!.snippet!.to)).toBe('shop_requests_total{job=~"$job"}[5m]');
  });

  it('reports two dashboards under one slug, uid and title', () => {
    const codes = checkDuplicates([good(), good()]).map((d) => [d.code, d.path]);
    expect(codes).toEqual([
      ['dashboard/duplicate', 'shop-overview.slug'],
      ['dashboard/duplicate', 'shop-overview.uid'],
      ['dashboard/duplicate', 'shop-overview.title'],
    ]);
  });

  it("reports an alert whose dashboard names no generated dashboard: an error when the project writes its own, else a warning", () => {
    const nowhere = alert({ name: 'ShopX', expr: 'shop_queue_depth > 1', severity: 'ticket', summary: 's', description: 'd', dashboard: 'shop-nowhere' });
    const bySlug = alert({ name: 'ShopY', expr: 'shop_queue_depth > 1', severity: 'ticket', summary: 's', description: 'd', dashboard: 'shop-overview' });
    const byUrl = alert({ name: 'ShopZ', expr: 'shop_queue_depth > 1', severity: 'ticket', summary: 's', description: 'd', dashboard: 'https://grafana.example.com/d/x' });
    const own = checkProjectDashboards([{ definition: good(), from: 'dashboards/shop.ts', generated: false }], [nowhere, bySlug, byUrl], index, SCRAPE, 60_000);
    expect(own.map((d) => [d.code, d.severity, d.path])).toEqual([['dashboard/alert-link', 'error', 'ShopX.dashboard']]);
    const generatedOnly = checkProjectDashboards([{ definition: good(), from: 'slo/shop.ts', generated: true }], [nowhere], index, SCRAPE, 60_000);
    expect(generatedOnly.map((d) => [d.code, d.severity])).toEqual([['dashboard/alert-link', 'warning']]);
    expect(checkProjectDashboards([], [nowhere], index, SCRAPE, 60_000)).toEqual([]);
  });

  it("names the dashboards in a broken link's hint while they fit on a screen, and only the likely ones past that", () => {
    const shopX = alert({ name: 'ShopX', expr: 'shop_queue_depth > 1', severity: 'ticket', summary: 's', description: 'd', dashboard: 'shop-overveiw' });
    const many = (n: number) =>
      Array.from({ length: n }, (_, i) => {
        const d = good();
        return { definition: { ...d, slug: i === 0 ? 'shop-overview' : `svc${String(i).padStart(3, '0')}-slo`, uid: `uid-${i}` }, from: 'slo/x.ts', generated: true };
      });
    const [few] = checkProjectDashboards(many(3), [shopX], index, SCRAPE, 60_000).filter((d) => d.code === 'dashboard/alert-link');
    expect(few!.hint).toBe('name one of: shop-overview, svc001-slo, svc002-slo (or give a full URL)');
    const [lots] = checkProjectDashboards(many(500), [shopX], index, SCRAPE, 60_000).filter((d) => d.code === 'dashboard/alert-link');
    expect(lots!.hint).toBe('did you mean "shop-overview"? (500 dashboards, in generated/grafana/dashboards) (or give a full URL)');
  });

  it('lists every dashboard check in `lookout checks`, with the reason it exists', () => {
    const listed = new Map(allChecks().map((c) => [c.id, c]));
    for (const id of [...DASHBOARD_CHECKS.map((c) => c.check.id), 'dashboard/duplicate', 'dashboard/alert-link']) {
      expect(listed.get(id)?.why.length, id).toBeGreaterThan(40);
    }
  });
});
