import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeProject } from '../compiler/project.js';
import { expectPromtoolPasses, fixture, importAndGenerate, type ImportRun } from './project.js';

describe('lookout import openslo, on OpenSLO v1alpha (per-objective ratioMetrics, count/unit windows)', () => {
  let run: ImportRun;
  beforeAll(async () => {
    run = await importAndGenerate({ format: 'openslo', input: fixture('openslo/v1alpha.yaml'), out: 'slo/v1alpha.ts' });
  });
  afterAll(() => removeProject(run.dir));

  it('imports each objective as an SLO named after it, with no budgetingMethod meaning Occurrences', () => {
    expect(run.imported.diagnostics.map((d) => `${d.line} ${d.path}: ${d.message}`)).toEqual([
      "12 SLO/api-availability.metadata.displayName: displayName left out: the SLO's description describes it in lookout",
    ]);
    expect(run.imported.slos).toEqual(['myservice/api-availability-three-nines', 'myservice/api-availability-two-nines']);
  });

  it('reads 2 Weeks as a 14d period and the targets as objectives', () => {
    expect(run.module).toMatch(/name: 'api-availability-three-nines',\n\s+description: 'API requests are answered without a server error or a throttle.',\n\s+objective: 99.9,\n\s+period: '14d',/);
    expect(run.module).toMatch(/name: 'api-availability-two-nines',[^]*objective: 99,\n\s+period: '14d',/);
  });

  it('reads incremental: true as a counter, and a {{.window}} query as written', () => {
    expect(run.module).toContain('//   good: http_request_duration_seconds_count{handler="/api", code!~"(5..|429)"}');
    expect(run.module).toContain('//   good: sum(rate(http_request_duration_seconds_count{handler="/api", code!~"(5..|429)"}[{{.window}}]))');
    expect(run.module.match(/total: myservice\.metrics\.\w+\.count\.where\(\{ handler: '\/api' \}\)/g)?.length).toBe(2);
  });

  it('generates, and the rules pass promtool check and test', async () => {
    expect(run.generated.status).toBe('ok');
    const { tests } = await expectPromtoolPasses(run.dir);
    expect(tests.length).toBeGreaterThan(0);
  });
});
