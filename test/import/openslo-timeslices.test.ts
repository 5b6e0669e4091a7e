import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toYaml } from '../../src/engine/compiler/emit/yaml.js';
import { importSpec } from '../../src/engine/compiler/import/importSpec.js';
import { PROMTOOL, runTool } from '../../src/engine/compiler/tools.js';
import { removeProject } from '../compiler/project.js';
import { TIMEOUT } from '../support/timeouts.js';
import { fixture, importAndGenerate, importProject, type ImportRun } from './project.js';

/**
 * OpenSLO's Timeslices and RatioTimeslices budgeting, imported as raw SLIs that count time
 * slices. promtool runs the generated rules over an hour of /api traffic: 30 clean minutes,
 * then 30 minutes in which half the requests fail, so every slice of the second half is bad.
 */
describe('lookout import openslo, on time-slice budgeting', () => {
  let run: ImportRun;
  beforeAll(async () => {
    run = await importAndGenerate({ format: 'openslo', input: fixture('openslo/timeslices.yaml'), out: 'slo/timeslices.ts' });
  });
  afterAll(() => removeProject(run.dir));

  it('imports both SLOs as raw SLIs over 1m slices, and says so at the slice window', () => {
    expect(run.imported.status).toBe('ok');
    expect(run.imported.diagnostics.filter((d) => d.code === 'import/raw-sli')).toEqual([]);
    const said = run.imported.diagnostics.filter((d) => d.message.includes('time slices'));
    expect(said.map((d) => `${d.line} ${d.path}: ${d.message}`)).toEqual([
      '33 SLO/api-minutes.spec.objectives[0].timeSliceWindow: budgetingMethod Timeslices imported as a raw SLI over 1m time slices (a 1m slice is bad when its good ratio is below 0.9); lookout cannot generate tests for it',
      '62 SLO/api-minute-ratios.spec.objectives[0].timeSliceWindow: budgetingMethod RatioTimeslices imported as a raw SLI over 1m time slices (each 1m slice counts its error ratio); lookout cannot generate tests for it',
    ]);
    expect(run.module).toContain('> bool 0.1)[{{window}}:1m])');
    expect(run.module).toContain('count_over_time(');
  });

  it('records the share of bad slices (and the mean slice error ratio) in every window, in promtool', async () => {
    expect(run.generated.status).toBe('ok');
    const rules = readdirSync(path.join(run.dir, 'generated/prometheus/rules'))
      .filter((f) => f.endsWith('.yml'))
      .map((f) => `generated/prometheus/rules/${f}`);
    const series = (code: string, values: string) => ({ series: `http_request_duration_seconds_count{code="${code}", handler="/api", instance="a:9090", job="myservice"}`, values });
    const at = (expr: string, time: string, value: number) => ({ expr: `round(${expr}, 0.1)`, eval_time: time, exp_samples: [{ labels: '{}', value }] });
    // Edges of the window (the first records, the minute the errors start) move a value by a few
    // thousandths, so each is checked rounded, or within bounds where it sits on a rounding edge.
    const within = (expr: string, time: string, low: number, high: number) => ({ expr: `(${expr} > bool ${low}) * (${expr} < bool ${high})`, eval_time: time, exp_samples: [{ labels: '{}', value: 1 }] });
    const ratio = (w: string, slo: string) => `sum(slo:sli_error:ratio_rate${w}{slo="${slo}"})`;
    const test = {
      rule_files: rules,
      evaluation_interval: '1m',
      tests: [
        {
          interval: '15s',
          // 60 requests per scrape throughout; from 30m15s on, as many fail as succeed.
          input_series: [series('200', '0+60x260'), series('500', '0+0x120 0+60x140')],
          promql_expr_test: [
            at(ratio('5m', 'api-minutes'), '25m', 0),
            at(ratio('5m', 'api-minutes'), '55m', 1),
            at(ratio('1h', 'api-minutes'), '60m', 0.5),
            // Half the requests of the bad minutes fail: their mean error ratio is 0.5, a quarter over the hour.
            at(ratio('5m', 'api-minute-ratios'), '55m', 0.5),
            within(ratio('1h', 'api-minute-ratios'), '60m', 0.23, 0.26),
          ],
        },
      ],
    };
    writeFileSync(path.join(run.dir, 'timeslices.test.yml'), toYaml(test));
    const result = await runTool(PROMTOOL, ['test', 'rules', 'timeslices.test.yml'], run.dir);
    expect(result.output).toContain('SUCCESS');
    expect(result.ok).toBe(true);
  }, TIMEOUT.tools);

  it('refuses a Timeslices objective without its slice window, writing nothing', async () => {
    const dir = importProject();
    try {
      const result = await importSpec({ format: 'openslo', input: fixture('openslo/timeslices-no-window.yaml'), root: dir, out: path.join(dir, 'slo/x.ts') });
      expect(result.status).toBe('errors');
      expect(result.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.line} ${d.path}: ${d.message}`)).toEqual([
        '24 SLO/api-minutes.spec.objectives[0].timeSliceWindow: is required with budgetingMethod Timeslices: the length of one time slice, such as 1m',
      ]);
      expect(existsSync(path.join(dir, 'slo/x.ts'))).toBe(false);
    } finally {
      removeProject(dir);
    }
  });
});
