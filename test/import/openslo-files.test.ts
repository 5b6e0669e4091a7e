import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSpec } from '../../src/engine/compiler/import/importSpec.js';
import { removeProject } from '../compiler/project.js';
import { expectPromtoolPasses, fixture, importAndGenerate, importProject, type ImportRun } from './project.js';

const lines = (run: ImportRun) => run.imported.diagnostics.map((d) => `${d.severity} ${d.line} ${d.path}: ${d.message}`);

describe('lookout import openslo, on a file that is one YAML list of objects (as oslo validates)', () => {
  let run: ImportRun;
  beforeAll(async () => {
    run = await importAndGenerate({ format: 'openslo', input: fixture('openslo/list.yaml'), out: 'slo/list.ts' });
  });
  afterAll(() => removeProject(run.dir));

  it('reads each item as an object, and points diagnostics at the line of the item', () => {
    expect(run.imported.status).toBe('ok');
    expect(run.imported.slos).toEqual(['shop/checkout-errors']);
    expect(lines(run)).toEqual([
      'warning 3 Service/shop.kind: Service shop (metadata.displayName, spec.description) left out: a lookout service is the name its SLOs give in spec.service',
      'warning 24 SLO/checkout-errors.spec.indicator.metadata.name: name left out: an inline SLI is written into the SLO it measures, unnamed',
    ]);
  });

  it('types the counter selectors against the catalog and keeps the label list', () => {
    expect(run.module).toContain("errors: shop.metrics.requests.where({ route: 'checkout', code: re('5..') }),");
    expect(run.module).toMatch(/objective: 99.5,\n\s+period: '28d',\n\s+labels: \{ team: 'payments' \},/);
  });

  it('generates, and the rules pass promtool check and test', async () => {
    expect(run.generated.status).toBe('ok');
    await expectPromtoolPasses(run.dir);
  });
});

describe('lookout import openslo, on several YAML documents, one of them a list', () => {
  let run: ImportRun;
  beforeAll(async () => {
    run = await importAndGenerate({ format: 'openslo', input: fixture('openslo/multi-document.yaml'), out: 'slo/multi.ts' });
  });
  afterAll(() => removeProject(run.dir));

  it('reads the SLOs of every document, resolving an SLI and a DataSource defined after the SLO that names them', () => {
    expect(run.imported.status).toBe('ok');
    expect(run.imported.slos).toEqual(['shop/cart-errors', 'shop/checkout-fast']);
    expect(lines(run)).toEqual([
      'warning 43 DataSource/shop-metrics.spec.connectionDetails: connectionDetails left out: lookout queries the Prometheus its rules are loaded into',
      'warning 56 SLO/checkout-fast.spec.indicator.metadata.name: name left out: an inline SLI is written into the SLO it measures, unnamed',
    ]);
  });

  it('types the latency SLI of the list item from its DataSource-routed queries', () => {
    expect(run.module).toContain('// Imported from multi-document.yaml, SLO/checkout-fast:');
    expect(run.module).toMatch(/name: 'checkout-fast',[^]*sli: latency\(/);
  });

  it('generates, and the rules pass promtool check and test', async () => {
    expect(run.generated.status).toBe('ok');
    const { rules } = await expectPromtoolPasses(run.dir);
    expect(rules).toEqual(['generated/prometheus/rules/slo-shop-cart-errors.rules.yml', 'generated/prometheus/rules/slo-shop-checkout-fast.rules.yml']);
  });
});

describe('lookout import openslo, on a file without an SLO', () => {
  it('says what the file holds instead, at the first object, and writes nothing', async () => {
    const dir = importProject();
    const input = path.join(dir, 'policies.yaml');
    writeFileSync(input, '- apiVersion: openslo/v1\n  kind: AlertCondition\n  metadata:\n    name: fast\n  spec:\n    severity: page\n    condition: { kind: burnrate, threshold: 14.4, lookbackWindow: 1h, alertAfter: 2m }\n');
    const r = await importSpec({ format: 'openslo', input, root: dir, out: path.join(dir, 'slo/x.ts') });
    expect(r.status).toBe('errors');
    expect(r.diagnostics.map((d) => `${d.line} ${d.message}`)).toEqual(['2 no SLO in this file, only AlertCondition fast']);
    removeProject(dir);
  });
});
