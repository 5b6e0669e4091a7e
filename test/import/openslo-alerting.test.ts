import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSpec } from '../../src/engine/compiler/import/importSpec.js';
import { tierSeverity } from '../../src/engine/compiler/import/openslo/severity.js';
import { SpecFile } from '../../src/engine/compiler/import/specFile.js';
import { removeProject } from '../compiler/project.js';
import { expectPromtoolPasses, fixture, importAndGenerate, importProject, type ImportRun } from './project.js';

describe('lookout import openslo, on alert policies whose conditions are burn rates', () => {
  let run: ImportRun;
  beforeAll(async () => {
    run = await importAndGenerate({ format: 'openslo', input: fixture('openslo/burn-rate-policies.yaml'), out: 'slo/alerting.ts' });
  });
  afterAll(() => removeProject(run.dir));

  it('turns each condition into a tier: threshold × lookback / period of the budget, a 1/12 short window, alertAfter as for', () => {
    expect(run.imported.status).toBe('ok');
    // 14.4 × 1h / 30d = 2% and 1 × 3d / 30d = 10%: the SRE workbook's first and last tiers.
    expect(run.module).toContain(
      [
        '    tiers: [',
        "      { budgetPercent: 2, longWindow: '1h', shortWindow: '5m', for: '2m', severity: 'page' },",
        "      { budgetPercent: 10, longWindow: '3d', shortWindow: '6h', for: '1h', severity: 'ticket' },",
        '    ],',
      ].join('\n'),
    );
  });

  it('names what has no place in lookout: the severity it interpreted, notification targets, descriptions', () => {
    expect(run.imported.diagnostics.map((d) => `${d.severity} ${d.line} ${d.path}: ${d.message}`)).toEqual([
      "warning 49 SLO/checkout-availability.spec.alertPolicies[1].spec.notificationTargets: AlertPolicy slow-burn: notificationTargets left out: where alerts go is routing, which lives in lookout's Alertmanager definitions",
      "warning 64 AlertCondition/burning-fast.spec.description: description left out: lookout's burn-rate alerts take their names, text and labels from the SLO",
      'warning 65 AlertCondition/burning-fast.spec.severity: severity "critical" imported as page: it reads as urgent',
      "warning 73 AlertNotificationTarget/shop-tickets.kind: AlertNotificationTarget shop-tickets (spec.target) left out: where alerts go is routing, which lives in lookout's Alertmanager definitions",
    ]);
  });

  it('generates the two tiers, and their burn-rate tests pass promtool', async () => {
    expect(run.generated.status).toBe('ok');
    const problems = run.generated.diagnostics.filter((d) => d.severity === 'error' || d.code.startsWith('test/'));
    expect(problems).toEqual([]);
    const { rules, tests } = await expectPromtoolPasses(run.dir);
    expect(tests).toEqual(['generated/prometheus/tests/slo-shop-checkout-availability-long.test.yml', 'generated/prometheus/tests/slo-shop-checkout-availability.test.yml']);
    const text = readFileSync(path.join(run.dir, rules[0]!), 'utf8');
    expect([...text.matchAll(/long_window: (\w+)/g)].map((m) => m[1])).toEqual(['1h', '3d']);
  });
});

describe('lookout import openslo, on alert conditions that are not burn-rate tiers', () => {
  it('refuses a non-burnrate kind and an op that alerts below the threshold, naming each condition and line, and writes nothing', async () => {
    const dir = importProject();
    const out = path.join(dir, 'slo/refused.ts');
    const r = await importSpec({ format: 'openslo', input: fixture('openslo/refused-conditions.yaml'), root: dir, out });
    expect(r.status).toBe('errors');
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.line} ${d.path}: ${d.message}`)).toEqual([
      'import/unsupported 42 AlertPolicy/budget-low.spec.conditions[0].spec.condition.kind: AlertCondition quarter-left: condition kind "budgetRemaining" cannot be imported: lookout alerts on burn rates only',
      'import/unsupported 59 AlertPolicy/calm.spec.conditions[0].spec.condition.op: AlertCondition barely-burning: op lte cannot be imported: it alerts while the burn rate stays below 0.5, and a burn-rate tier fires when the rate exceeds its threshold',
    ]);
    expect(existsSync(out)).toBe(false);
    removeProject(dir);
  });
});

describe('an AlertCondition severity as lookout severity', () => {
  const cases: [string, string, 'page' | 'ticket', string | undefined][] = [
    ['page', '1h', 'page', undefined],
    ['ticket', '1d', 'ticket', undefined],
    ['sev1', '1d', 'page', 'severity "sev1" imported as page: it reads as urgent'],
    ['warning', '1h', 'ticket', 'severity "warning" imported as ticket: it reads as not urgent'],
    ['team-a', '6h', 'page', 'severity "team-a" imported as page: it is neither page nor ticket, and a 6h lookback window is a fast burn (6h or less), which the SRE workbook pages on'],
    ['team-a', '3d', 'ticket', 'severity "team-a" imported as ticket: it is neither page nor ticket, and a 3d lookback window is a slow burn (over 6h), which the SRE workbook opens a ticket for'],
  ];
  it.each(cases)('severity %s over %s is %s', (severity, lookback, expected, warning) => {
    const file = new SpecFile('x.yaml', 'a: 1\n');
    const ms = { '1h': 3600_000, '6h': 6 * 3600_000, '1d': 86400_000, '3d': 3 * 86400_000 }[lookback]!;
    expect(tierSeverity(file, { doc: 0, path: [] }, severity, ms, lookback)).toBe(expected);
    expect(file.diagnostics.map((d) => d.message)).toEqual(warning ? [warning] : []);
  });
});
