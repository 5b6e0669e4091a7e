import { describe, expect, it } from 'vitest';
import { expectPromtoolPasses, type ImportRun } from './project.js';
import { importedSloth } from './slothFixtures.js';

const at = (run: ImportRun) => run.imported.diagnostics.map((d) => `${d.line} ${d.severity} ${d.code} ${d.path}`);

describe("lookout import sloth, on Sloth's Kubernetes resource (PrometheusServiceLevel)", () => {
  const run = importedSloth('crd.yml');

  it('reads the camelCase spec under the resource: its queries, labels and page and ticket alerts', () => {
    expect(run.imported.status).toBe('ok');
    expect(run.imported.slos).toEqual(['myservice/requests-availability']);
    expect(run.module).toContain("errors: myservice.metrics.requestDuration.count.where({ job: 'myservice', code: re('5..') }),");
    expect(run.module).toContain("labels: { owner: 'payments-team' },");
    expect(run.module).toContain("'1h': { labels: { pager: 'payments-oncall' } },");
    expect(run.module).toContain("'1d': false,");
    expect(run.module).toContain('// Imported from crd.yml, spec.slos[0]:\n//   errorQuery: sum(rate(');
  });

  it('names the metadata it leaves out, with the name and namespace, at its line', () => {
    const metadata = run.imported.diagnostics.find((d) => d.path === 'metadata');
    expect(metadata).toMatchObject({ line: 4, severity: 'warning', code: 'import/changed' });
    expect(metadata?.message).toContain('metadata left out (name "myservice-slos", namespace "payments", labels)');
    expect(metadata?.hint).toBe('to keep the namespace on every series and alert, add it to spec.labels');
  });

  it('generates, and the rules pass promtool check and test', async () => {
    expect(run.generated.status).toBe('ok');
    await expectPromtoolPasses(run.dir);
  });
});

describe('lookout import sloth, on several resources in several namespaces', () => {
  const run = importedSloth('crd-multi.yml');

  it('imports the SLOs of every document', () => {
    expect(run.imported.status).toBe('ok');
    expect(run.imported.slos).toEqual(['myservice/api-latency', 'shop/checkout-errors']);
    expect(run.module).toContain("sli: latency({ histogram: myservice.metrics.requestDuration, threshold: 0.5, where: { job: 'myservice', handler: '/api' } }),");
    expect(run.module).toContain('sli: rawSLI({ errorRatio: ');
    expect(run.module).toContain("'1d': { labels: { channel: '#shop' } },");
  });

  it('warns per document, at its own line', () => {
    expect(at(run)).toEqual([
      '4 warning import/changed metadata',
      '10 warning import/changed spec.slos[0].name',
      '25 warning import/changed metadata',
      '38 warning import/raw-sli spec.slos[0].sli.raw.errorRatioQuery',
    ]);
    expect(run.imported.diagnostics[2]?.message).toContain('namespace "team-b"');
  });

  it('generates, and the rules pass promtool check and test', async () => {
    expect(run.generated.status).toBe('ok');
    await expectPromtoolPasses(run.dir);
  });
});

describe('lookout import sloth, on a resource spelling fields the prometheus/v1 way', () => {
  const run = importedSloth('crd-snake-case.yml');

  it('reads them, and warns at each that recent Sloth releases ignore it', () => {
    expect(run.imported.status).toBe('ok');
    expect(run.module).toContain("'1h': { labels: { pager: 'oncall' } },");
    const spelling = run.imported.diagnostics.filter((d) => d.message.startsWith('read "'));
    expect(spelling.map((d) => `${d.line} ${d.path}: ${d.message}`)).toEqual([
      '13 spec.slos[0].sli.events.error_query: read "error_query" as "errorQuery": the CRD spells it "errorQuery", and recent Sloth releases ignore "error_query"',
      '17 spec.slos[0].alerting.page_alert: read "page_alert" as "pageAlert": the CRD spells it "pageAlert", and recent Sloth releases ignore "page_alert"',
    ]);
  });

  it('generates without errors', () => {
    expect(run.generated.status).toBe('ok');
  });
});
