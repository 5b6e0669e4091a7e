import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateShapes } from '../../src/engine/compiler/schema.js';
import type { LoadedProject } from '../../src/engine/compiler/model.js';
import { counter, defineDashboard, defineMetrics, defineProject, histogram, type Catalog } from '../../src/library/index.js';
import { rate, sum } from '../../src/library/promql.js';
import { query, row, timeseries } from '../../src/library/dashboards.js';
import type { DashboardDefinition } from '../../src/library/dashboards/define.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Catalogs and dashboards as a module written without types (or with `as any`) can export them. */
function catalogWith(buckets: unknown, help: unknown = 'Time to answer.'): Catalog {
  return defineMetrics({
    job: 'shop',
    metrics: {
      requests: counter({ name: 'shop_requests_total', help: 'Requests.', labels: { code: ['200', '500'] } }),
      duration: histogram({ name: 'shop_request_duration_seconds', help: help as string, unit: 'seconds', buckets: buckets as number[] }),
    },
  });
}

function dashboardWith(title: unknown): DashboardDefinition {
  const requests = counter({ name: 'shop_requests_total', help: 'Requests.' });
  return defineDashboard({ slug: 'shop', title: 'Shop', description: 'The shop.', rows: [row('Traffic', [timeseries({ title: title as string, unit: 'reqps', queries: [query(sum(rate(requests, '5m')))] })])] });
}

function shapes(catalog: Catalog, dashboards: DashboardDefinition[] = []) {
  const loaded: LoadedProject = {
    root: ROOT,
    project: defineProject({ name: 'shop', catalogs: [catalog], scrapeInterval: '15s', evaluationInterval: '1m', retention: '35d' }),
    catalogs: [catalog],
    modules: [{ file: path.join(ROOT, 'dashboards/shop.ts'), relPath: 'dashboards/shop.ts', groups: [], slos: [], routings: [], dashboards }],
  };
  return validateShapes(loaded).map((d) => ({ file: d.file, line: d.line, path: d.path, message: d.message }));
}

describe('the shape of catalogs and dashboards', () => {
  it('accepts a catalog and a dashboard as the typed API builds them', () => {
    expect(shapes(catalogWith([0.1, 0.5, 1]), [dashboardWith('Requests per second')])).toEqual([]);
  });

  it.each([
    ['buckets that are not a list', 5, 'Time.', 'shop.metrics.duration.buckets', 'buckets must be a list of numbers'],
    ['a bucket that is not a number', [0.1, '0.5'], 'Time.', 'shop.metrics.duration.buckets.1', 'Invalid input: expected number, received string'],
    ['a help that is not a string', [0.1], 42, 'shop.metrics.duration.info.help', 'Invalid input: expected string, received number'],
  ])('reports %s at the metric, with its field path', (_name, buckets, help, path, message) => {
    const [d, ...rest] = shapes(catalogWith(buckets, help));
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ file: 'test/compiler/shapes.test.ts', line: expect.any(Number), path, message });
  });

  it('reports a panel title that is not a string at the panel, in the file that made it, with its field path', () => {
    const [d, ...rest] = shapes(catalogWith([0.1]), [dashboardWith(42)]);
    expect(rest).toEqual([]);
    // timeseries() was called in this file: its line is this file's, whatever module exported the dashboard.
    expect(d).toMatchObject({ file: 'test/compiler/shapes.test.ts', line: expect.any(Number), path: 'shop.panels[1].title', message: 'Invalid input: expected string, received number' });
  });
});
