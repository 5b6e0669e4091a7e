import { afterAll, describe, expect, it } from 'vitest';
import { importSpec } from '../../src/engine/compiler/import/importSpec.js';
import { removeProject, snapshot } from '../compiler/project.js';
import { expectPromtoolPasses, importProject } from './project.js';
import { importedSloth, slothFixture } from './slothFixtures.js';

describe('lookout import sloth, on SLO plugins it can apply', () => {
  const run = importedSloth('plugins.yml');

  it("puts info_labels' labels on the SLO, the highest priority's value winning", () => {
    expect(run.imported.status).toBe('ok');
    expect(run.module).toContain("labels: { product: 'checkout', cost_center: 'cc-42' },");
    expect(run.module).toContain("labels: { kind: 'probe' },");
  });

  it("applies alert_for: page_alert.for on the page tiers, ticket_alert.for on the ticket tiers", () => {
    expect(run.module).toContain("{ budgetPercent: 2, longWindow: '1h', shortWindow: '5m', for: '4m', severity: 'page' },");
    expect(run.module).toContain("{ budgetPercent: 10, longWindow: '3d', shortWindow: '6h', for: '30m', severity: 'ticket' },");
  });

  it('names in a warning, at its line, each plugin or field it leaves out and why', () => {
    const warnings = run.imported.diagnostics.map((d) => `${d.line} ${d.code} ${d.path}: ${d.message}`);
    expect(warnings).toEqual([
      expect.stringMatching(/^7 import\/changed slo_plugins.chain\[1\].id: sloth.dev\/contrib\/rule_intervals\/v1 left out: lookout evaluates the rules of every SLO of service "myservice" at the project's evaluationInterval/),
      '11 import/changed slo_plugins.chain[2].id: Sloth plugin sloth.dev/core/debug/v1 left out: it only logs while Sloth generates',
      expect.stringMatching(/^14 import\/changed slos\[0\].name: Sloth's labels are not on lookout's output/),
      expect.stringMatching(/^20 import\/changed slos\[0\].plugins.chain\[0\].id: sloth.dev\/contrib\/info_labels\/v1: the labels are put on every series and alert of SLO "myservice\/requests-availability"; Sloth puts them on sloth_slo_info only/),
      expect.stringMatching(/^25 import\/changed slos\[0\].plugins.chain\[1\].id: sloth.dev\/contrib\/info_labels\/v1/),
      expect.stringMatching(/^45 import\/changed slos\[1\].infoLabels: infoLabels: the labels are put on every series and alert of SLO "myservice\/health-checks"/),
      expect.stringMatching(/^47 import\/changed slos\[1\].interval: interval left out/),
    ]);
  });

  it('generates, and the rules pass promtool check and test', async () => {
    expect(run.generated.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    await expectPromtoolPasses(run.dir);
  });
});

describe('lookout import sloth, on plugins it cannot reproduce', () => {
  let dir: string;
  afterAll(() => removeProject(dir));

  it('refuses each by its id, with the SLO and the line, and writes nothing', async () => {
    dir = importProject();
    const before = snapshot(dir);
    const result = await importSpec({ format: 'sloth', root: dir, input: slothFixture('plugins-refused.yml') });
    expect(result.status).toBe('errors');
    expect(result.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.line} ${d.code} ${d.path}: ${d.message}`)).toEqual([
      '6 import/unsupported slo_plugins.chain[0].id: Sloth SLO plugin "sloth.dev/contrib/denominator_corrected_rules/v1" of every SLO of service "myservice" cannot be imported: it scales the error ratio of each window by the share of the period traffic that window saw, so quiet hours alert less; lookout tiers compare the error ratio of the window itself',
      '12 import/unsupported slos[0].plugins.chain[0].id: Sloth SLO plugin "example.com/custom/budget_report/v1" of SLO "myservice/requests-availability" cannot be imported: it changes the rules Sloth writes in a way lookout does not reproduce',
      '20 import/unsupported slos[1].sli.plugin: Sloth SLI plugin "sloth-common/http/availability" of SLO "myservice/requests-from-plugin" cannot be imported: its queries are written by the plugin\'s Go code, not in the spec',
    ]);
    expect(snapshot(dir)).toEqual(before);
  });
});
