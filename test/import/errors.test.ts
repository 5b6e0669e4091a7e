import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSpec, type ImportFormat } from '../../src/engine/compiler/import/importSpec.js';
import { removeProject, snapshot } from '../compiler/project.js';
import { fixture, importProject } from './project.js';

const SLOTH_SLO = `version: prometheus/v1
service: shop
slos:
  - name: checkout
    objective: 99
    sli:
      events:
        error_query: sum(rate(shop_requests_total{code=~"5.."}[{{.window}}]))
        total_query: sum(rate(shop_requests_total[{{.window}}]))
`;

const OPENSLO_SLO = `apiVersion: openslo/v1
kind: SLO
metadata:
  name: checkout
spec:
  service: shop
  budgetingMethod: Occurrences
  objectives:
    - target: 0.99
  indicator:
    spec:
      ratioMetric:
        counter: true
        bad:
          metricSource:
            type: Prometheus
            spec:
              query: shop_requests_total{code=~"5.."}
        total:
          metricSource:
            type: Prometheus
            spec:
              query: shop_requests_total
`;

interface Case {
  name: string;
  format: ImportFormat;
  spec: string;
  /** `line path: message` of every error, in order. */
  errors: string[];
}

const CASES: Case[] = [
  { name: 'text that is not YAML', format: 'sloth', spec: 'slos: [unclosed\n', errors: ['2 documents[0]: not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]'] },
  {
    name: 'a Sloth spec of another version',
    format: 'sloth',
    spec: SLOTH_SLO.replace('prometheus/v1', 'prometheus/v2'),
    errors: ['1 version: must be "prometheus/v1" (the only Sloth spec version lookout reads)'],
  },
  {
    name: 'a Sloth objective of 100%',
    format: 'sloth',
    spec: SLOTH_SLO.replace('objective: 99', 'objective: 100'),
    errors: ['5 slos[0].objective: must be below 100: an objective of 100% leaves no error budget to alert on'],
  },
  {
    name: 'a Sloth objective written as a string',
    format: 'sloth',
    spec: SLOTH_SLO.replace('objective: 99', 'objective: "high"'),
    errors: ['5 slos[0].objective: must be a number, not string "high"'],
  },
  {
    name: 'a Sloth SLI without its total query',
    format: 'sloth',
    spec: SLOTH_SLO.replace(/\n\s+total_query:.*/, ''),
    errors: ['7 slos[0].sli.events.total_query: is required'],
  },
  {
    name: 'a Sloth query without the window placeholder',
    format: 'sloth',
    spec: SLOTH_SLO.replace('[{{.window}}]))\n', '[5m]))\n'),
    errors: ['8 slos[0].sli.events.error_query: the query has no {{.window}} placeholder, so it cannot be evaluated over each window'],
  },
  {
    name: 'a Sloth query that is not PromQL',
    format: 'sloth',
    spec: SLOTH_SLO.replace('sum(rate(shop_requests_total{code', 'sum(rate(shop_requests_total{{code'),
    errors: [expect.stringMatching(/^8 slos\[0\]\.sli\.events\.error_query: not valid PromQL: /) as unknown as string],
  },
  {
    name: 'a Sloth SLI plugin',
    format: 'sloth',
    spec: SLOTH_SLO.replace(/ {6}events:[^]*/, '      plugin:\n        id: sloth-common/availability\n'),
    errors: ['7 slos[0].sli.plugin: Sloth SLI plugin "sloth-common/availability" of SLO "shop/checkout" cannot be imported: its queries are written by the plugin\'s Go code, not in the spec'],
  },
  { name: 'an OpenSLO file given as Sloth', format: 'sloth', spec: OPENSLO_SLO, errors: ['1 : this is an OpenSLO spec, not a Sloth one'] },
  {
    name: 'an OpenSLO document of another version',
    format: 'openslo',
    spec: OPENSLO_SLO.replace('openslo/v1', 'openslo/v2alpha'),
    errors: ['1 documents[0].apiVersion: apiVersion "openslo/v2alpha" cannot be imported: lookout reads openslo/v1 and openslo/v1alpha'],
  },
  {
    name: 'an OpenSLO kind that does not exist',
    format: 'openslo',
    spec: OPENSLO_SLO.replace('kind: SLO', 'kind: Objective'),
    errors: ['2 documents[0].kind: unknown kind "Objective" for openslo/v1'],
  },
  {
    name: 'an OpenSLO target above 1',
    format: 'openslo',
    spec: OPENSLO_SLO.replace('target: 0.99', 'target: 1.5'),
    errors: ['9 SLO/checkout.spec.objectives[0].target: must be below 1: a target of 1 leaves no error budget to alert on'],
  },
  {
    name: 'an OpenSLO SLO without a service',
    format: 'openslo',
    spec: OPENSLO_SLO.replace('  service: shop\n', ''),
    errors: ['5 SLO/checkout.spec.service: is required'],
  },
  {
    name: 'an OpenSLO indicatorRef to an SLI the file does not hold',
    format: 'openslo',
    spec: OPENSLO_SLO.replace(/ {2}indicator:[^]*/, '  indicatorRef: checkout-errors\n'),
    errors: ['10 SLO/checkout.spec.indicatorRef: no SLI named "checkout-errors" in this file'],
  },
  {
    name: 'an OpenSLO SLO budgeted by a method OpenSLO does not define',
    format: 'openslo',
    spec: OPENSLO_SLO.replace('budgetingMethod: Occurrences', 'budgetingMethod: Weekdays'),
    errors: ['7 SLO/checkout.spec.budgetingMethod: budgetingMethod Weekdays cannot be imported: lookout reads Occurrences, and the Timeslices and RatioTimeslices of OpenSLO v1'],
  },
  {
    name: 'an OpenSLO metric source that is not Prometheus',
    format: 'openslo',
    spec: OPENSLO_SLO.replace('type: Prometheus', 'type: Datadog'),
    errors: ['16 SLO/checkout.spec.indicator.spec.ratioMetric.bad.metricSource.type: metric source type Datadog cannot be imported: lookout reads Prometheus queries'],
  },
  { name: 'an OpenSLO file with no SLO in it', format: 'openslo', spec: OPENSLO_SLO.replace('kind: SLO', 'kind: Service').replace(/\nspec:[^]*/, '\nspec: {}\n'), errors: ['2 Service/checkout.kind: no SLO in this file, only Service checkout'] },
];

describe('bad input', () => {
  let dir: string;
  let specs: string;
  let before: Record<string, string>;

  beforeAll(() => {
    dir = importProject();
    specs = mkdtempSync(path.join(tmpdir(), 'lookout-import-'));
    before = snapshot(dir);
  });
  afterAll(() => {
    removeProject(dir);
    rmSync(specs, { recursive: true, force: true });
  });

  it.each(CASES)('$name: errors name the file, line and field, and nothing is written', async ({ name, format, spec, errors }) => {
    const input = path.join(specs, `${name.replace(/\W+/g, '-')}.yml`);
    writeFileSync(input, spec);
    const result = await importSpec({ format, input, root: dir });
    expect(result.status).toBe('errors');
    const found = result.diagnostics.filter((d) => d.severity === 'error');
    for (const d of found) {
      expect(d.file).toBe(path.relative(process.cwd(), input));
      expect(d.code).toMatch(/^import\/(invalid|unsupported)$/);
    }
    expect(found.map((d) => `${d.line} ${d.path}: ${d.message}`)).toEqual(errors);
    expect(snapshot(dir)).toEqual(before);
  });

  it('a missing input file is an error naming it, not a crash', async () => {
    const result = await importSpec({ format: 'sloth', input: path.join(specs, 'nope.yml'), root: dir });
    expect(result.diagnostics).toEqual([{ code: 'import/invalid', severity: 'error', file: path.relative(process.cwd(), path.join(specs, 'nope.yml')), path: '', message: 'cannot read the input: no such file' }]);
    expect(snapshot(dir)).toEqual(before);
  });

  it('a project without lookout.config.ts is reported as such', async () => {
    const result = await importSpec({ format: 'sloth', input: fixture('sloth.yml'), root: specs, out: path.join(specs, 'slo/x.ts') });
    expect(result.status).toBe('errors');
    expect(result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([`no lookout.config.ts in ${specs}`]);
  });
});
