import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { writeScenarioReport } from '../../src/integrations/loadtest/report/writeReport.js';
import { failingRun } from '../fixtures/loadtest/scenarioRuns.js';
import { launchChromium } from '../support/chromium.js';
import { TIMEOUT } from '../support/timeouts.js';

// Live: headless Chromium. The report's other tests (report.test.ts) parse the same SVG offline.
const dir = mkdtempSync(path.join(os.tmpdir(), 'lookout-report-browser-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the plot in a browser', () => {
  it('renders in headless Chromium to a non-trivial PNG, with every bar drawn', async () => {
    const { files } = await writeScenarioReport(failingRun, dir);
    const context = await launchChromium(dir, { width: 1200, height: 800 });
    try {
      const page = await context.newPage();
      await page.goto(pathToFileURL(files.svg).href);
      const drawn = await page.evaluate(() => {
        const doc = (globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<{ getBBox(): { width: number; height: number } }>; documentElement: { tagName: string; getAttribute(a: string): string | null } } }).document;
        return { root: doc.documentElement.tagName, height: Number(doc.documentElement.getAttribute('height')), bars: Array.from(doc.querySelectorAll('rect.alert-bar')).map((b) => ({ width: b.getBBox().width, height: b.getBBox().height })), ticks: doc.querySelectorAll('line.delivery').length };
      });
      // A parse error would make Chromium show an error page instead of an svg root.
      expect(drawn.root).toBe('svg');
      expect(drawn.bars).toHaveLength(failingRun.alertStates.length);
      for (const b of drawn.bars) expect(b.width).toBeGreaterThan(5);
      expect(drawn.ticks).toBe(failingRun.notifications.length);
      // A full-page shot of a bare SVG document never settles in Chromium: size the viewport to the plot instead.
      await page.setViewportSize({ width: 1200, height: drawn.height });
      const png = path.join(dir, 'provider-down-fallback.png');
      await page.screenshot({ path: png });
      const bytes = readFileSync(png);
      expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
      expect(bytes.readUInt32BE(16)).toBe(1200);
      expect(bytes.readUInt32BE(20)).toBe(drawn.height);
      expect(bytes.length).toBeGreaterThan(30_000);
    } finally {
      await context.close();
    }
  }, TIMEOUT.serverStart);
});
