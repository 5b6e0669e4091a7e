import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectPromtoolPasses } from './project.js';
import { importedSloth } from './slothFixtures.js';

describe('lookout import sloth, on keys Sloth does not read', () => {
  const run = importedSloth('unknown-keys.yml');

  it('imports the SLO and names every unknown key in a warning at its line', () => {
    expect(run.imported.status).toBe('ok');
    const unknown = run.imported.diagnostics.filter((d) => d.code === 'import/unsupported');
    expect(unknown.map((d) => `${d.line} ${d.severity} ${d.path}: ${d.message}`)).toEqual([
      '4 warning team: "team" is not a field a Sloth prometheus/v1 spec reads; left out',
      '9 warning slos[0].owner: "owner" is not a field a Sloth prometheus/v1 spec reads; left out',
      '14 warning slos[0].sli.events.good_query: "good_query" is not a field a Sloth prometheus/v1 spec reads; left out',
      '20 warning slos[0].alerting.page_alert.lables: "lables" is not a field a Sloth prometheus/v1 spec reads; left out',
    ]);
    expect(run.module).toContain("'1h': { labels: { pager: 'oncall' } },");
    expect(run.module).not.toContain('backup');
  });

  it('generates, and the rules pass promtool check and test', async () => {
    expect(run.generated.status).toBe('ok');
    await expectPromtoolPasses(run.dir);
  });
});

describe('lookout import sloth, on labels an Alertmanager route could match', () => {
  const run = importedSloth('route-labels.yml');

  it('warns for the tier and severity values it replaces, saying what routes no longer match', () => {
    const byPath = Object.fromEntries(run.imported.diagnostics.map((d) => [d.path, d]));
    expect(byPath['labels.tier']).toMatchObject({ line: 5, code: 'import/changed' });
    expect(byPath['labels.tier']?.message).toBe(
      'label tier="1" left out: lookout sets it to each burn-rate alert\'s long window (1h, 6h, 1d, 3d by default); a route or query matching tier="1" stops matching',
    );
    expect(byPath['slos[0].alerting.page_alert.labels.severity']?.message).toContain('label severity="critical" left out');
    expect(byPath['slos[0].alerting.page_alert.labels.severity']?.message).toContain('a route or query matching severity="critical" stops matching');
    expect(byPath['slos[0].alerting.ticket_alert.labels.severity']).toMatchObject({ line: 21 });
  });

  it("warns once that Sloth's sloth_* labels are not on lookout's alerts, and how to keep them", () => {
    const sloth = run.imported.diagnostics.filter((d) => d.message.includes('sloth_severity'));
    expect(sloth).toHaveLength(1);
    expect(sloth[0]).toMatchObject({ line: 7, path: 'slos[0].name', severity: 'warning', code: 'import/changed' });
    expect(sloth[0]?.message).toContain('its alerts carry sloth_id, sloth_service, sloth_slo and sloth_severity (page or ticket)');
    expect(sloth[0]?.hint).toContain('--sloth-compat');
  });

  it('generates, and the rules pass promtool check and test', async () => {
    expect(run.generated.status).toBe('ok');
    await expectPromtoolPasses(run.dir);
  });
});

describe('lookout import sloth --sloth-compat, on labels an Alertmanager route could match', () => {
  const run = importedSloth('route-labels.yml', { slothCompat: true });

  it("writes compat: 'sloth' on every SLO and no longer warns that the sloth_* labels go", () => {
    expect(run.imported.status).toBe('ok');
    expect(run.module).toContain("compat: 'sloth',");
    expect(run.imported.diagnostics.filter((d) => d.message.includes('sloth_severity'))).toEqual([]);
  });

  it("generates rules whose alerts carry sloth_severity and whose series carry Sloth's labels, and promtool passes them", async () => {
    expect(run.generated.status).toBe('ok');
    const { rules } = await expectPromtoolPasses(run.dir);
    const text = rules.map((f) => readFileSync(path.join(run.dir, f), 'utf8')).join('\n');
    expect(text).toContain('sloth_severity: page');
    expect(text).toContain('sloth_severity: ticket');
    expect(text).toContain('record: sloth_slo_info');
    expect(text).toMatch(/sloth_window: 30d/);
  });
});

describe('lookout import sloth, on an SLO whose alerts are all disabled', () => {
  const run = importedSloth('disabled-alerts.yml');

  it('records the SLO without alerts and names the alert labels it cannot use', () => {
    expect(run.module).toContain('alerting: false,');
    expect(run.imported.diagnostics.filter((d) => d.message.includes('disabled')).map((d) => `${d.line} ${d.path}: ${d.message}`)).toEqual([
      '13 slos[0].alerting.labels: alerting.labels left out: both alerts are disabled',
      '17 slos[0].alerting.page_alert.labels: page_alert labels left out: the alert is disabled',
    ]);
  });

  it('generates, and the rules pass promtool check', async () => {
    expect(run.generated.status).toBe('ok');
    await expectPromtoolPasses(run.dir);
  });
});
