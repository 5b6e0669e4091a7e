import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../src/engine/compiler/generate.js';
import { dashboardUid } from '../../src/library/dashboards/uid.js';
import { makeProject, removeProject, snapshot } from '../compiler/project.js';
import { TIMEOUT } from '../support/timeouts.js';

const DASHBOARD = `import { defineDashboard } from 'lookout'; import { rate, sum } from 'lookout/promql'; import { query, rateInterval, row, scope, scopeVariables, timeseries, datasourceVariable } from 'lookout/dashboards';
import { shop } from '../metrics.js';

const m = shop.metrics;
export default defineDashboard({
  slug: 'shop-overview',
  title: 'Shop overview',
  description: 'Requests of the shop.',
  variables: [datasourceVariable()],
  rows: [row('Requests', [timeseries({ title: 'Requests per second by code', unit: 'reqps', queries: [query(sum(rate(m.requests, rateInterval)).by('code'), '{{code}}')] })])],
});
`;

const SLO = readFileSync(path.resolve(import.meta.dirname, '../fixtures/mini/slo/shop.ts'), 'utf8');

describe('lookout generate with dashboards', () => {
  let dir: string;
  const uid = dashboardUid('shop-overview');
  beforeAll(async () => {
    dir = makeProject({ 'dashboards/shop.ts': DASHBOARD, 'slo/shop.ts': SLO });
    const first = await generate({ root: dir });
    expect(first.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(first.status).toBe('ok');
  }, TIMEOUT.generate);
  afterAll(() => removeProject(dir));

  it('writes each dashboard, its ConfigMap and the provisioning file, SLO dashboards included', () => {
    const files = Object.keys(snapshot(path.join(dir, 'generated/grafana'))).sort();
    expect(files).toEqual([
      `dashboards/${dashboardUid('shop-slo')}.json`,
      `dashboards/${uid}.json`,
      `dashboards/${dashboardUid('slo-shop-checkout-success')}.json`,
      `dashboards/${dashboardUid('slo-shop-fast-pages')}.json`,
      'kubernetes/shop-overview.yaml',
      'kubernetes/shop-slo.yaml',
      'kubernetes/slo-shop-checkout-success.yaml',
      'kubernetes/slo-shop-fast-pages.yaml',
      'provisioning/dashboards.yaml',
    ].sort());
  });

  it('produces byte-identical files on a second run and leaves them untouched', async () => {
    const before = snapshot(path.join(dir, 'generated'));
    const again = await generate({ root: dir });
    expect(again.drift).toEqual({ changed: [], missing: [], extra: [] });
    expect(snapshot(path.join(dir, 'generated'))).toEqual(before);
  });

  it('--check names a dashboard edited by hand and a ConfigMap deleted', async () => {
    const json = path.join(dir, `generated/grafana/dashboards/${uid}.json`);
    const original = readFileSync(json, 'utf8');
    writeFileSync(json, original.replace('"Shop overview"', '"Shop overview (edited in Grafana)"'));
    rmSync(path.join(dir, 'generated/grafana/kubernetes/shop-slo.yaml'));
    const drifted = await generate({ root: dir, check: true });
    expect(drifted.status).toBe('drift');
    expect(drifted.drift).toEqual({ changed: [`grafana/dashboards/${uid}.json`], missing: ['grafana/kubernetes/shop-slo.yaml'], extra: [] });
    await generate({ root: dir });
    expect(readFileSync(json, 'utf8')).toBe(original);
  });

  it('stops on a dashboard that fails the lint, names file, line and panel, and leaves generated/ as it was', async () => {
    const before = snapshot(path.join(dir, 'generated'));
    const file = path.join(dir, 'dashboards/shop.ts');
    writeFileSync(file, DASHBOARD.replace('rate(m.requests, rateInterval)', "rate(m.requests, '5m')"));
    try {
      const result = await generate({ root: dir });
      expect(result.status).toBe('errors');
      const d = result.diagnostics.find((x) => x.code === 'dashboard/rate-interval');
      expect(d).toMatchObject({ severity: 'error', file: 'dashboards/shop.ts', line: 10, path: 'shop-overview.panels[1].targets[0].expr' });
      expect(snapshot(path.join(dir, 'generated'))).toEqual(before);
    } finally {
      writeFileSync(file, DASHBOARD);
    }
  });

  it("resolves an alert's dashboard slug to the dashboard's uid in dashboard_url", () => {
    const rules = readFileSync(path.join(dir, 'generated/prometheus/rules/slo-shop-checkout-success.rules.yml'), 'utf8');
    expect(rules).toContain(`dashboard_url: https://grafana.example.com/d/${dashboardUid('shop-slo')}`);
  });
});
