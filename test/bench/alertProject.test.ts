import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../src/engine/compiler/generate.js';
import { ALERT_SHAPES, benchAlerts, GROUP_ROUTES, writeAlertProject } from '../../scripts/bench/alertProject.js';
import { timePromtoolSuite } from '../../scripts/bench/promtoolSuite.js';

// Behaviour only: the synthetic project is what the alert benchmark says it is, lookout accepts
// it, and its synthesized promtool tests pass in the real promtool. Timings are not asserted.

describe('benchAlerts', () => {
  it('lists the number of alerts asked for, under distinct names, cycling through every shape route by route', () => {
    const alerts = benchAlerts(37);
    expect(alerts).toHaveLength(37);
    expect(new Set(alerts.map((a) => a.name)).size).toBe(37);
    for (let i = 0; i + ALERT_SHAPES.length <= alerts.length; i += ALERT_SHAPES.length) {
      const route = alerts.slice(i, i + ALERT_SHAPES.length);
      expect(route.map((a) => a.shape)).toEqual([...ALERT_SHAPES]);
      expect(new Set(route.map((a) => `${a.service}/${a.route}`)).size).toBe(1);
    }
  });

  it('puts at most GROUP_ROUTES routes in a group, and a group within one service', () => {
    const alerts = benchAlerts(1000);
    const byGroup = new Map<string, typeof alerts>();
    for (const a of alerts) byGroup.set(a.group, [...(byGroup.get(a.group) ?? []), a]);
    for (const [group, members] of byGroup) {
      expect(members.length, group).toBeLessThanOrEqual(GROUP_ROUTES * ALERT_SHAPES.length);
      expect(new Set(members.map((a) => a.service)).size, group).toBe(1);
    }
    expect(new Set(alerts.map((a) => a.service)).size).toBeGreaterThan(1);
  });

  it('refuses a count that is not a positive whole number', () => {
    expect(() => benchAlerts(0)).toThrow(/positive whole number/);
    expect(() => benchAlerts(2.5)).toThrow(/positive whole number/);
  });
});

describe('writeAlertProject', () => {
  // Two groups, the second one short: every shape, and a group boundary.
  const alerts = benchAlerts(GROUP_ROUTES * ALERT_SHAPES.length + 3);
  const groups = new Set(alerts.map((a) => a.group));
  let dir: string;
  let result: Awaited<ReturnType<typeof generate>>;

  beforeAll(async () => {
    dir = writeAlertProject(alerts);
    result = await generate({ root: dir });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is a project lookout generate accepts without a diagnostic', () => {
    expect(result.diagnostics).toEqual([]);
    expect(result.status).toBe('ok');
  });

  it('generates exactly the alerts defined, one rule file and one promtool test file per group', () => {
    const rulesDir = path.join(dir, 'generated/prometheus/rules');
    const names = readdirSync(rulesDir).flatMap((f) => {
      const doc = parse(readFileSync(path.join(rulesDir, f), 'utf8')) as { groups: { rules: { alert?: string }[] }[] };
      return doc.groups.flatMap((g) => g.rules.map((r) => r.alert));
    });
    expect(names.sort()).toEqual(alerts.map((a) => a.name).sort());
    expect(readdirSync(rulesDir)).toHaveLength(groups.size);
    expect(readdirSync(path.join(dir, 'generated/prometheus/tests'))).toHaveLength(groups.size);
  });

  it('has a synthesized fires and stays-quiet test for every alert', () => {
    const testsDir = path.join(dir, 'generated/prometheus/tests');
    const names = readdirSync(testsDir).flatMap((f) => (parse(readFileSync(path.join(testsDir, f), 'utf8')) as { tests: { name: string }[] }).tests.map((t) => t.name));
    for (const a of alerts) {
      expect(names.filter((n) => n.startsWith(`${a.name} fires`)), a.name).toHaveLength(1);
      expect(names.filter((n) => n.startsWith(`${a.name} stays quiet`)), a.name).toHaveLength(1);
    }
  });

  it('passes its promtool suite, whose shape the suite timer counts from the files', async () => {
    const suite = await timePromtoolSuite({ name: 'test', root: dir, runs: 1, perFile: true, log: () => undefined });
    expect(suite.shape).toEqual({ testFiles: groups.size, testCases: 2 * alerts.length, ruleFiles: groups.size, alertRules: alerts.length });
    expect(suite.runSeconds).toHaveLength(1);
    expect(suite.separate?.files.map((f) => path.basename(f.file))).toEqual([...groups].map((g) => `${g}.test.yml`).sort());
  });

  it('makes the suite timer fail when a test fails, rather than time a broken suite', async () => {
    const file = path.join(dir, 'generated/prometheus/tests', `${[...groups][0]}.test.yml`);
    const text = readFileSync(file, 'utf8');
    // Expect the wrong severity on every firing alert.
    writeFileSync(file, text.replaceAll(/severity: (page|ticket)/g, 'severity: info'));
    try {
      await expect(timePromtoolSuite({ name: 'test', root: dir, runs: 1, perFile: false, log: () => undefined })).rejects.toThrow(/promtool test rules failed/);
    } finally {
      writeFileSync(file, text);
    }
  });
});
