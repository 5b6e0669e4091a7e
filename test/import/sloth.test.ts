import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeProject } from '../compiler/project.js';
import { expectPromtoolPasses, fixture, importAndGenerate, type ImportRun } from './project.js';

describe('lookout import sloth, on the getting-started spec', () => {
  let run: ImportRun;
  beforeAll(async () => {
    run = await importAndGenerate({ format: 'sloth', input: fixture('sloth.yml') });
  });
  afterAll(() => removeProject(run.dir));

  it('writes one module under slo/ with every SLO of the spec', () => {
    expect(run.imported.status).toBe('ok');
    expect(path.relative(run.dir, run.imported.outFile)).toBe('slo/sloth.ts');
    expect(run.imported.slos).toEqual(['myservice/requests-availability', 'myservice/requests-latency', 'myservice/health-checks']);
  });

  it('types the queries against the catalog: a ratio of the histogram count, a latency of its buckets', () => {
    expect(run.module).toContain("import { myservice } from '../myservice.metrics.js';");
    expect(run.module).toContain("errors: myservice.metrics.requestDuration.count.where({ job: 'myservice', code: re('(5..|429)') }),");
    expect(run.module).toContain("total: myservice.metrics.requestDuration.count.where({ job: 'myservice' }),");
    expect(run.module).toContain("sli: latency({ histogram: myservice.metrics.requestDuration, threshold: 0.25, where: { job: 'myservice', handler: '/api' } }),");
    expect(run.module).not.toContain('rawSLI(');
  });

  it('carries the source file, field and queries in a comment above each SLO', () => {
    expect(run.module).toContain(
      [
        '// Imported from sloth.yml, slos[0]:',
        '//   error_query: sum(rate(http_request_duration_seconds_count{job="myservice",code=~"(5..|429)"}[{{.window}}]))',
        '//   total_query: sum(rate(http_request_duration_seconds_count{job="myservice"}[{{.window}}]))',
        'export const requestsAvailability = defineSLO({',
      ].join('\n'),
    );
    expect(run.module).toContain('// Imported from sloth.yml, slos[1]:\n//   error_query: (\n');
  });

  it("maps page_alert and ticket_alert onto lookout's page and ticket tiers", () => {
    expect(run.module).toContain("'1h': { labels: { routing_key: 'myteam' } },\n      '6h': { labels: { routing_key: 'myteam' } },");
    expect(run.module).toContain("'1d': { labels: { slack_channel: '#alerts-myteam' } },");
    expect(run.module).toContain("tiers: {\n      '1d': false,\n      '3d': false,\n    },");
    expect(run.module).toContain('alerting: false,');
    expect(run.module).toContain("runbook: 'https://runbooks.example.com/myservice-availability',");
  });

  it('reports what it had to leave out, at the field of the spec', () => {
    const changed = run.imported.diagnostics.map((d) => `${d.file}:${d.line}: ${d.severity} ${d.code}: ${d.path}`);
    expect(changed).toEqual([
      'test/fixtures/import/sloth.yml:7: warning import/changed: labels.tier',
      // Once per file: Sloth's sloth_* labels, which routes may match, are not on lookout's output.
      'test/fixtures/import/sloth.yml:10: warning import/changed: slos[0].name',
      'test/fixtures/import/sloth.yml:24: warning import/changed: slos[0].alerting.annotations.summary',
      'test/fixtures/import/sloth.yml:28: warning import/changed: slos[0].alerting.page_alert.labels.severity',
      'test/fixtures/import/sloth.yml:32: warning import/changed: slos[0].alerting.ticket_alert.labels.severity',
      'test/fixtures/import/sloth.yml:54: warning import/changed: slos[1].alerting.page_alert.labels.severity',
    ]);
  });

  it('generates without errors, and the rules pass promtool check and test', async () => {
    expect(run.generated.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(run.generated.status).toBe('ok');
    const { rules, tests } = await expectPromtoolPasses(run.dir);
    expect(rules).toEqual([
      'generated/prometheus/rules/slo-myservice-health-checks.rules.yml',
      'generated/prometheus/rules/slo-myservice-requests-availability.rules.yml',
      'generated/prometheus/rules/slo-myservice-requests-latency.rules.yml',
    ]);
    // Every tier of both event-based SLOs has generated tests (health-checks does not alert).
    expect(tests).toEqual(expect.arrayContaining(['generated/prometheus/tests/slo-myservice-requests-availability.test.yml', 'generated/prometheus/tests/slo-myservice-requests-latency.test.yml']));
    expect(run.generated.diagnostics.filter((d) => d.code === 'test/not-generated')).toEqual([]);
    const alerts = parse(readFileSync(path.join(run.dir, rules[1]!), 'utf8')).groups.flatMap((g: { rules: { alert?: string; labels?: Record<string, string> }[] }) => g.rules.filter((r) => r.alert));
    expect(alerts.map((a: { labels: Record<string, string> }) => [a.labels.tier, a.labels.severity, a.labels.routing_key ?? a.labels.slack_channel])).toEqual([
      ['1h', 'page', 'myteam'],
      ['6h', 'page', 'myteam'],
      ['1d', 'ticket', '#alerts-myteam'],
      ['3d', 'ticket', '#alerts-myteam'],
    ]);
  });
});
