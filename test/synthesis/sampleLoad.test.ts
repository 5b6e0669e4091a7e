import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/engine/compiler/analyze.js';
import { compileAlertTests } from '../../src/engine/compiler/alertTests.js';
import type { LoadedProject } from '../../src/engine/compiler/model.js';
import { PROMTOOL, runTool } from '../../src/engine/compiler/tools.js';
import { alert, defineProject, record, ruleGroup, type Duration } from '../../src/library/index.js';
import { rate, sum } from '../../src/library/promql.js';
import { PROMTOOL_TEST_MAX_SAMPLES } from '../../src/engine/synthesis/sampleLoad.js';
import { shop } from '../fixtures/mini/metrics.js';

/** A recorded hourly rate compared with its own weekly average: a week of samples per evaluation. */
function weeklyBaseline(interval: Duration | undefined): LoadedProject {
  const rec = record({ name: 'route:shop_requests:rate1h', expr: sum(rate(shop.metrics.requests, '1h')).by('route') });
  const anomaly = alert({
    name: 'ShopTrafficAnomaly',
    expr: 'route:shop_requests:rate1h / avg_over_time(route:shop_requests:rate1h[1w]) > 3',
    for: '30m',
    severity: 'ticket',
    summary: 'Traffic is three times its weekly average.',
    description: 'Traffic is three times its weekly average.',
    labels: { team: 'shop' },
  });
  const group = ruleGroup({ name: 'baseline', ...(interval ? { interval } : {}), rules: [rec, anomaly] });
  return {
    root: '/project',
    project: defineProject({ name: 'shop', catalogs: [shop], scrapeInterval: '15s', evaluationInterval: '30s', retention: '35d' }),
    catalogs: [shop],
    modules: [{ file: '/project/rules/baseline.ts', relPath: 'rules/baseline.ts', groups: [group], slos: [], routings: [], dashboards: [] }],
  };
}

async function synthesized(loaded: LoadedProject) {
  const { analyzed, diagnostics } = analyze(loaded);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return compileAlertTests(analyzed, undefined);
}

describe('test synthesis and the samples promtool may load', () => {
  it('derives the tests when the weekly window stays under the limit (the group runs every 30m)', async () => {
    const { alerts, diagnostics } = await synthesized(weeklyBaseline('30m'));
    expect(diagnostics).toEqual([]);
    expect(alerts[0]!.testCount).toBeGreaterThan(0);
  });

  it('skips them with a warning naming the alert and the window when promtool would refuse them (every 30s)', async () => {
    const { alerts, diagnostics } = await synthesized(weeklyBaseline(undefined));
    expect(alerts[0]!.testCount).toBe(0);
    expect(diagnostics.map((d) => [d.code, d.severity, d.path])).toEqual([['test/not-generated', 'warning', 'ShopTrafficAnomaly.expr']]);
    expect(diagnostics[0]!.message).toContain('ShopTrafficAnomaly reads [1w] of a series written every 30s: 20161 samples');
  });
});

describe(`promtool test rules refuses a query of ${PROMTOOL_TEST_MAX_SAMPLES} samples`, () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lookout-samples-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(path.join(dir, 'rules.yml'), 'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: avg_over_time(x[1w]) > 1\n');

  /** One series sampled every minute, evaluated when the week's window holds `samples` of them. */
  async function promtoolWith(samples: number) {
    const file = path.join(dir, `t${samples}.yml`);
    const at = `${samples - 1}m`;
    // Evaluated twice only (at 0 and at the end), so the run takes a second, not ten thousand steps.
    writeFileSync(file, `rule_files: [rules.yml]\nevaluation_interval: ${at}\ntests:\n  - interval: 1m\n    input_series:\n      - series: x\n        values: 0x${samples + 10}\n    alert_rule_test:\n      - eval_time: ${at}\n        alertname: A\n        exp_alerts: []\n`);
    return runTool(PROMTOOL, ['test', 'rules', path.basename(file)], dir);
  }

  it('and accepts one sample fewer, so the limit lookout skips at is promtool\'s', async () => {
    const below = await promtoolWith(PROMTOOL_TEST_MAX_SAMPLES - 1);
    expect(below.ok, below.output).toBe(true);
    const at = await promtoolWith(PROMTOOL_TEST_MAX_SAMPLES);
    expect(at.ok).toBe(false);
    expect(at.output).toContain('too many samples');
  });
});
