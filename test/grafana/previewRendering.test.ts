/**
 * The preview's drawing of what dashboards ask for, checked in headless Chromium on panels
 * built here (no Prometheus): each case is a defect the preview had, drawn and measured.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Panel } from '../../src/integrations/grafana/dashboardFiles.js';
import type { DrawnSeries, PanelData } from '../../src/integrations/preview/collect.js';
import { renderPage } from '../../src/integrations/preview/page.js';
import { launchChromium } from '../support/chromium.js';
import { TIMEOUT } from '../support/timeouts.js';

const WINDOW = { fromMs: 1_736_942_400_000, toMs: 1_736_946_000_000 };
const T0 = WINDOW.fromMs / 1000;

/** A series over the window, one point a minute, from `value(i)`. */
function series(name: string, value: (i: number) => number, labels: Record<string, string> = {}, refId = 'A'): DrawnSeries {
  return { name, refId, labels, samples: Array.from({ length: 61 }, (_, i) => [T0 + i * 60, value(i)] as [number, number]) };
}

let nextId = 1;
function panel(p: Panel, data: DrawnSeries[]): { panel: Panel; data: PanelData } {
  const full: Panel = { ...p, id: nextId, gridPos: { x: 0, y: (nextId - 1) * 9, w: 12, h: 9 } };
  nextId++;
  return { panel: full, data: { ref: { panel: full, path: '' } as PanelData['ref'], series: data, errors: [], stepSeconds: 60 } };
}

const panels = [
  panel({ type: 'timeseries', title: 'SLI against the objective', targets: [{ expr: 'x' }], fieldConfig: { defaults: { unit: 'percentunit', max: 1, thresholds: { mode: 'absolute', steps: [{ color: 'red', value: null }, { color: 'green', value: 0.999 }] } } } }, [series('SLI', (i) => 0.99 + i / 10_000)]),
  panel(
    { type: 'table', title: 'Error budget remaining by SLO', targets: [{ expr: 'slo:error_budget_remaining:ratio', format: 'table', instant: true } as never], transformations: [{ id: 'organize', options: { excludeByName: { Time: true } } }], options: { sortBy: [{ displayName: 'Value', desc: false }] }, fieldConfig: { defaults: { unit: 'percentunit', decimals: 1 } } },
    [
      series('slo:error_budget_remaining:ratio{service="shop", slo="checkout"}', () => 0.8, { __name__: 'slo:error_budget_remaining:ratio', service: 'shop', slo: 'checkout' }),
      series('slo:error_budget_remaining:ratio{service="shop", slo="search"}', () => 0.2, { __name__: 'slo:error_budget_remaining:ratio', service: 'shop', slo: 'search' }),
    ],
  ),
  panel({ type: 'text', title: 'How this SLO is measured', options: { mode: 'markdown', content: '**shop/checkout**: orders go through.\n\n| tier | burn factor | severity |\n|---|---|---|\n| 1h | 14.4× | page |\n| 6h | 6× | page |' } }, []),
  panel(
    {
      type: 'timeseries',
      title: 'Requests and latency',
      targets: [{ expr: 'a' }, { expr: 'b', refId: 'B' }],
      fieldConfig: {
        defaults: { unit: 'reqps' },
        overrides: [{ matcher: { id: 'byName', options: 'p99' }, properties: [{ id: 'unit', value: 's' }, { id: 'custom.axisPlacement', value: 'right' }] }],
      } as never,
    },
    [series('requests', (i) => 100 + i), series('p99', (i) => 0.2 + (i % 5) / 10, {}, 'B')],
  ),
  panel(
    {
      type: 'timeseries',
      title: 'Outcomes',
      targets: [{ expr: 'c' }],
      fieldConfig: {
        defaults: { unit: 'reqps' },
        overrides: [
          { matcher: { id: 'byName', options: 'success' }, properties: [{ id: 'color', value: { mode: 'fixed', fixedColor: 'green' } }] },
          { matcher: { id: 'byName', options: 'error' }, properties: [{ id: 'color', value: { mode: 'fixed', fixedColor: 'red' } }] },
        ],
      } as never,
    },
    // Four series first, so that "success" falls on the palette's red (the fifth color).
    [series('a', () => 1), series('b', () => 2), series('c', () => 3), series('d', () => 4), series('success', () => 50), series('error', () => 1)],
  ),
  panel(
    {
      type: 'stat',
      title: 'Burn rate',
      targets: [{ expr: 'd' }],
      options: { colorMode: 'value' },
      fieldConfig: {
        defaults: { unit: 'suffix:×', decimals: 2, thresholds: { mode: 'absolute', steps: [{ color: 'green', value: null }, { color: 'red', value: 14.4 }] } },
        overrides: [{ matcher: { id: 'byName', options: '6h' }, properties: [{ id: 'thresholds', value: { mode: 'absolute', steps: [{ color: 'green', value: null }, { color: 'red', value: 6 }] } }] }],
      } as never,
    },
    [series('1h', () => 2.5), series('6h', () => 7.78)],
  ),
];

describe('the preview draws what the panels ask for, in Chromium', () => {
  let context: BrowserContext;
  let page: Page;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lookout-preview-render-'));

  beforeAll(async () => {
    const html = renderPage([{ file: { file: 'd.json', dashboard: { uid: 'd', title: 'Drawn', panels: panels.map((p) => p.panel) } }, panels: panels.filter((p) => p.panel.type !== 'text').map((p) => p.data), values: new Map(), variables: [] }], WINDOW, 'test');
    writeFileSync(path.join(dir, 'index.html'), html);
    context = await launchChromium(dir, { width: 1480, height: 1000 });
    page = await context.newPage();
    await page.goto(pathToFileURL(path.join(dir, 'index.html')).href);
  }, TIMEOUT.serverStart);
  afterAll(async () => {
    await context?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const figure = (title: string) => page.locator(`figure.panel[data-title="${title}"]`);

  it('keeps a threshold label at the top of the chart inside it', async () => {
    const boxes = await figure('SLI against the objective').evaluate((el) => {
      const svg = el.querySelector('svg')!.getBoundingClientRect();
      const label = el.querySelector('text.threshold-label')!.getBoundingClientRect();
      return { svgTop: svg.top, labelTop: label.top, text: el.querySelector('text.threshold-label')!.textContent };
    });
    expect(boxes.text).toBe('99.9%');
    expect(boxes.labelTop).toBeGreaterThanOrEqual(boxes.svgTop);
  });

  it('shows a table-format query as label columns, sorted by value, not as series names', async () => {
    const t = figure('Error budget remaining by SLO');
    expect(await t.locator('th').allTextContents()).toEqual(['__name__', 'service', 'slo', 'Value']);
    expect(await t.locator('tbody tr').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].slice(2).map((c) => c.textContent)))).toEqual([
      ['search', '20.0%'],
      ['checkout', '80.0%'],
    ]);
    expect(await t.textContent()).not.toContain('{');
  });

  it("renders a text panel's Markdown table as a table", async () => {
    const text = figure('How this SLO is measured');
    expect(await text.locator('table.md tbody tr').count()).toBe(2);
    expect(await text.locator('table.md th').allTextContents()).toEqual(['tier', 'burn factor', 'severity']);
    expect(await text.locator('strong').textContent()).toBe('shop/checkout');
    expect(await text.textContent()).not.toContain('|');
  });

  it('draws a field moved to the right axis on its own scale, in its own unit, from "0 s"', async () => {
    const right = await figure('Requests and latency').locator('text.axis.y2').allTextContents();
    expect(right.length).toBeGreaterThan(1);
    expect(right[0]).toBe('0 s');
    expect(right.every((l) => / (s|ms)$/.test(l))).toBe(true);
    expect(await figure('Requests and latency').locator('text.axis.y').first().textContent()).toMatch(/req\/s$/);
  });

  it('paints a series the color its override names: "success" green, "error" red', async () => {
    const strokes = Object.fromEntries(await figure('Outcomes').locator('path.series').evaluateAll((ps) => ps.map((p) => [p.getAttribute('data-series'), p.getAttribute('stroke')])));
    expect(strokes.success).toBe('#73BF69');
    expect(strokes.error).toBe('#F2495C');
    const legend = await figure('Outcomes').locator('.legend-item').evaluateAll((items) => items.map((g) => [g.querySelector('text')!.textContent, g.querySelector('rect')!.getAttribute('fill')]));
    expect(Object.fromEntries(legend).success).toBe('#73BF69');
  });

  it("colors a stat by its field's own thresholds: 7.78× is red above a 6× tier", async () => {
    const values = await figure('Burn rate').locator('text.value').evaluateAll((ts) => ts.map((t) => [t.textContent, t.getAttribute('fill')]));
    expect(values).toEqual([
      ['2.50×', '#73BF69'],
      ['7.78×', '#F2495C'],
    ]);
  });
});
