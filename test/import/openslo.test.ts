import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSpec } from '../../src/engine/compiler/import/importSpec.js';
import { removeProject } from '../compiler/project.js';
import { expectPromtoolPasses, fixture, importAndGenerate, type ImportRun } from './project.js';

describe('lookout import openslo, on v1 SLOs with an inline ratio indicator and a referenced SLI', () => {
  let run: ImportRun;
  beforeAll(async () => {
    run = await importAndGenerate({ format: 'openslo', input: fixture('openslo.yml'), out: 'slo/shop-imported.ts' });
  });
  afterAll(() => removeProject(run.dir));

  it('reads every SLO of the multi-document file, resolving indicatorRef and metricSourceRef', () => {
    // Nothing is dropped silently: what lookout has no place for is named, with its line.
    expect(run.imported.diagnostics.map((d) => `${d.severity} ${d.line} ${d.path}: ${d.message}`)).toEqual([
      'warning 3 Service/shop.kind: Service shop (spec.description) left out: a lookout service is the name its SLOs give in spec.service',
      "warning 13 SLO/checkout-availability.metadata.displayName: displayName left out: the SLO's description describes it in lookout",
      "warning 22 SLO/checkout-availability.spec.objectives[0].displayName: displayName left out: an objective's name only tells apart the SLOs of several objectives",
      'warning 26 SLO/checkout-availability.spec.indicator.metadata.name: name left out: an inline SLI is written into the SLO it measures, unnamed',
      'warning 45 SLI/cart-errors.metadata.displayName: displayName left out: the SLI is written into each SLO that measures it',
      'warning 67 DataSource/shop-prometheus.spec.connectionDetails: connectionDetails left out: lookout queries the Prometheus its rules are loaded into',
    ]);
    expect(run.imported.status).toBe('ok');
    expect(run.imported.slos).toEqual(['shop/checkout-availability', 'shop/cart-availability']);
  });

  it('turns target 0.995 into objective 99.5 and the rolling time window into the period', () => {
    expect(run.module).toMatch(/name: 'checkout-availability',\n\s+description: 'Checkout requests are answered without a server error.',\n\s+objective: 99.5,\n\s+period: '28d',/);
    expect(run.module).toMatch(/name: 'cart-availability',[^]*objective: 99,\n\s+period: '7d',/);
  });

  it('types good/total counter selectors as a ratio of catalog series, bad events being the good ones negated', () => {
    expect(run.module).toContain("import { shop } from '../metrics.js';");
    expect(run.module).toContain(
      [
        '// Imported from openslo.yml, SLO/checkout-availability:',
        '//   good: shop_requests_total{route="checkout", code!~"5.."}',
        '//   total: shop_requests_total{route="checkout"}',
        "// Bad events are the total's that the good query does not match.",
      ].join('\n'),
    );
    expect(run.module).toContain("errors: shop.metrics.requests.where({ route: 'checkout', code: re('5..') }),\n    total: shop.metrics.requests.where({ route: 'checkout' }),");
    expect(run.module).toContain('//   bad: sum(rate(shop_requests_total{route="cart", code=~"5.."}[{{.window}}]))');
    expect(run.module).toContain("errors: shop.metrics.requests.where({ route: 'cart', code: re('5..') }),");
  });

  it('generates cleanly, with a burn-rate test for every tier, and the rules pass promtool check and test', async () => {
    expect(run.generated.diagnostics.filter((d) => d.severity === 'error' || d.code.startsWith('test/'))).toEqual([]);
    expect(run.generated.status).toBe('ok');
    const { rules, tests } = await expectPromtoolPasses(run.dir);
    expect(rules).toEqual(['generated/prometheus/rules/slo-shop-cart-availability.rules.yml', 'generated/prometheus/rules/slo-shop-checkout-availability.rules.yml']);
    expect(tests.length).toBe(4);
  });

  it('writes the same bytes when imported again', async () => {
    const again = await importSpec({ format: 'openslo', input: fixture('openslo.yml'), root: run.dir, out: run.imported.outFile, force: true });
    expect(again.status).toBe('ok');
    expect(readFileSync(again.outFile, 'utf8')).toBe(run.module);
  });
});
