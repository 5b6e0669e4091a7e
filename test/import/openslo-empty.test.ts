import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeProject } from '../compiler/project.js';
import { expectPromtoolPasses, fixture, importAndGenerate, type ImportRun } from './project.js';

describe('lookout import openslo, on optional fields left empty (alertPolicies:, labels:, description:)', () => {
  let run: ImportRun;
  beforeAll(async () => {
    run = await importAndGenerate({ format: 'openslo', input: fixture('openslo/empty-fields.yaml'), out: 'slo/empty.ts' });
  });
  afterAll(() => removeProject(run.dir));

  it('reads each as not given: no labels, a description saying where the SLO came from, lookout\'s default tiers', () => {
    expect(run.imported.diagnostics).toEqual([]);
    expect(run.imported.slos).toEqual(['shop/cart-availability']);
    expect(run.module).toMatch(/description: 'The cart-availability SLO, imported from empty-fields.yaml.',\n\s+objective: 99.5,\n\s+period: '30d',\n\s+sli:/);
    expect(run.module).toMatch(/alerting: \{\n\s+name: 'ShopCartAvailabilityBudgetBurn',\n\s+\},/);
  });

  it('generates, and the rules pass promtool check and test', async () => {
    expect(run.generated.status).toBe('ok');
    const { tests } = await expectPromtoolPasses(run.dir);
    expect(tests.length).toBe(2);
  });
});

describe('lookout import openslo, on a Service document without spec', () => {
  let run: ImportRun;
  beforeAll(async () => {
    run = await importAndGenerate({ format: 'openslo', input: fixture('openslo/service-without-spec.yaml'), out: 'slo/service.ts' });
  });
  afterAll(() => removeProject(run.dir));

  it('accepts it silently: a name alone is all a Service holds, and the SLO gives the service', () => {
    expect(run.imported.diagnostics).toEqual([]);
    expect(run.imported.slos).toEqual(['shop/cart-availability']);
  });

  it('generates, and the rules pass promtool check and test', async () => {
    expect(run.generated.status).toBe('ok');
    await expectPromtoolPasses(run.dir);
  });
});
