import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSpec } from '../../src/engine/compiler/import/importSpec.js';
import { removeProject, snapshot } from '../compiler/project.js';
import { expectPromtoolPasses, importAndGenerate, importProject } from './project.js';
import { importedSloth, slothFixture } from './slothFixtures.js';

describe('lookout import sloth --windows, with custom 30d windows', () => {
  const run = importedSloth('windowed.yml', { windows: slothFixture('windows-30d.yml') });

  it("writes the windows as the SLO's tiers, each alert's labels on the tiers of its severity", () => {
    expect(run.imported.status).toBe('ok');
    expect(run.module).toContain("period: '30d',");
    expect(run.module).toContain(
      [
        '    tiers: [',
        "      { budgetPercent: 1, longWindow: '30m', shortWindow: '3m', for: '1m30s', severity: 'page', labels: { pager: 'oncall' } },",
        "      { budgetPercent: 3, longWindow: '4h', shortWindow: '20m', for: '10m', severity: 'page', labels: { pager: 'oncall' } },",
        "      { budgetPercent: 6, longWindow: '12h', shortWindow: '1h', for: '30m', severity: 'ticket', labels: { channel: '#myservice' } },",
        // The workbook's 3d/6h tier: lookout's own for.
        "      { budgetPercent: 10, longWindow: '3d', shortWindow: '6h', for: '3h', severity: 'ticket', labels: { channel: '#myservice' } },",
        '    ],',
      ].join('\n'),
    );
  });

  it('generates, and the rules pass promtool check and test', async () => {
    expect(run.generated.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    await expectPromtoolPasses(run.dir);
  });
});

describe('lookout import sloth --windows, with 7d windows', () => {
  const run = importedSloth('windowed.yml', { windows: slothFixture('windows-7d.yml') });

  it("takes the windows' period and budgets, with lookout's for on its default windows", () => {
    expect(run.module).toContain("period: '7d',");
    expect(run.module).toContain("{ budgetPercent: 8, longWindow: '1h', shortWindow: '5m', for: '2m', severity: 'page', labels: { pager: 'oncall' } },");
    expect(run.module).toContain("{ budgetPercent: 40, longWindow: '3d', shortWindow: '6h', for: '3h', severity: 'ticket', labels: { channel: '#myservice' } },");
  });

  it('generates, and the rules pass promtool check and test', async () => {
    expect(run.generated.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    await expectPromtoolPasses(run.dir);
  });
});

describe('lookout import sloth --windows FOLDER, as Sloth takes its windows', () => {
  let folder: string;
  beforeAll(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'lookout-windows-'));
    for (const name of ['windows-30d.yml', 'windows-7d.yml']) copyFileSync(slothFixture(name), path.join(folder, name));
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it("picks the set of --period, 30d when it is not given, as Sloth's --default-slo-period", async () => {
    const dir = importProject();
    try {
      const options = { format: 'sloth' as const, root: dir, input: slothFixture('windowed.yml'), windows: folder, force: true };
      expect((await importSpec({ ...options, period: '7d' })).status).toBe('ok');
      expect(readFileSync(path.join(dir, 'slo/windowed.ts'), 'utf8')).toContain("budgetPercent: 40, longWindow: '3d'");
      expect((await importSpec(options)).status).toBe('ok');
      expect(readFileSync(path.join(dir, 'slo/windowed.ts'), 'utf8')).toContain("budgetPercent: 1, longWindow: '30m'");
      const missing = await importSpec({ ...options, period: '28d' });
      expect(missing.diagnostics.map((d) => d.message)).toEqual(['no AlertWindows file for a 28d period in the --windows folder (its periods: 30d, 7d)']);
    } finally {
      removeProject(dir);
    }
  });
});

describe('lookout import sloth --period', () => {
  it("28d takes Sloth's built-in windows, which are lookout's default tiers", async () => {
    const run = await importAndGenerate({ format: 'sloth', input: slothFixture('windowed.yml'), period: '28d' });
    try {
      expect(run.imported.status).toBe('ok');
      expect(run.module).toContain("period: '28d',");
      expect(run.module).toContain("'1h': { labels: { pager: 'oncall' } },");
      expect(run.generated.status).toBe('ok');
    } finally {
      removeProject(run.dir);
    }
  });
});

describe('lookout import sloth, refusing windows it cannot use', () => {
  let dir: string;
  let tmp: string;
  let before: Record<string, string>;
  beforeAll(() => {
    dir = importProject();
    tmp = mkdtempSync(path.join(tmpdir(), 'lookout-windows-'));
    before = snapshot(dir);
  });
  afterAll(() => {
    removeProject(dir);
    rmSync(tmp, { recursive: true, force: true });
  });

  const errors = async (options: { input: string; windows?: string; period?: string }) => {
    const result = await importSpec({ format: 'sloth', root: dir, ...options });
    expect(result.status).toBe('errors');
    expect(snapshot(dir)).toEqual(before);
    return result.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.file}:${d.line ?? ''} ${d.path}: ${d.message}`);
  };

  it('an AlertWindows file given as the spec says what it is and how to give it', async () => {
    const result = await importSpec({ format: 'sloth', root: dir, input: slothFixture('windows-7d.yml') });
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        line: 3,
        path: 'kind',
        message: 'this is a Sloth AlertWindows file: it holds the burn-rate windows of an SLO period, not SLOs',
        hint: 'import the SLO spec and give this file as its windows: lookout import sloth SPEC --windows test/fixtures/import/sloth/windows-7d.yml',
      }),
    ]);
    expect(snapshot(dir)).toEqual(before);
  });

  it('a period Sloth has no built-in windows for', async () => {
    expect(await errors({ input: slothFixture('windowed.yml'), period: '7d' })).toEqual(['--period: : Sloth has built-in alert windows for 28d and 30d only, not 7d']);
  });

  it('a period other than the windows file', async () => {
    expect(await errors({ input: slothFixture('windowed.yml'), windows: slothFixture('windows-7d.yml'), period: '30d' })).toEqual(['--period: : --period 30d does not match the windows\' sloPeriod 7d']);
  });

  it('a windows file with a bad field, named by its file and line', async () => {
    const bad = path.join(tmp, 'bad.yml');
    writeFileSync(bad, 'apiVersion: sloth.slok.dev/v1\nkind: AlertWindows\nspec:\n  sloPeriod: 30d\n  page:\n    quick: { errorBudgetPercent: 0, shortWindow: 5m, longWindow: 1h }\n    slow: { errorBudgetPercent: 5, shortWindow: 30m, longWindow: 6h }\n  ticket:\n    quick: { errorBudgetPercent: 10, shortWindow: 2h, longWindow: 1d }\n    slow: { errorBudgetPercent: 10, shortWindow: 6h, longWindow: 3d }\n');
    expect(await errors({ input: slothFixture('windowed.yml'), windows: bad })).toEqual([`${path.relative(process.cwd(), bad)}:6 spec.page.quick.errorBudgetPercent: must be a percentage above 0`]);
  });
});
