import { afterEach, describe, expect, it } from 'vitest';
import { removeProject } from '../compiler/project.js';
import { expectPromtoolPasses, fixture, importAndGenerate } from './project.js';

describe('queries lookout cannot type against the catalog', () => {
  let dir: string | undefined;
  afterEach(() => dir && removeProject(dir));

  it('become raw SLIs with a warning at the query, and the project still generates and validates', async () => {
    const { dir: root, imported, module, generated } = await importAndGenerate({ format: 'sloth', input: fixture('untyped.sloth.yml') });
    dir = root;
    expect(imported.status).toBe('ok');
    // Only the SLI warnings: the once-per-file note on Sloth's labels is tested in sloth-labels.test.ts.
    expect(imported.diagnostics.filter((d) => d.code === 'import/raw-sli').map((d) => ({ code: d.code, severity: d.severity, file: d.file, line: d.line, path: d.path, message: d.message }))).toEqual([
      {
        code: 'import/raw-sli',
        severity: 'warning',
        file: 'test/fixtures/import/untyped.sloth.yml',
        line: 11,
        path: 'slos[0].sli.events.error_query',
        message: 'SLO "checkout-errors": the query is not of the form sum(rate(<counter>[{{.window}}])); imported as a raw SLI',
      },
      {
        code: 'import/raw-sli',
        severity: 'warning',
        file: 'test/fixtures/import/untyped.sloth.yml',
        line: 23,
        path: 'slos[1].sli.raw.error_ratio_query',
        message: 'SLO "cart-error-ratio": an error ratio query cannot be typed; imported as a raw SLI',
      },
    ]);
    expect(module).toContain("errors: 'sum(rate(shop_requests_total{route=\"checkout\",code=~\"5..\"}[{{window}}])) + sum(rate(shop_requests_total{route=\"checkout\",code=\"404\"}[{{window}}]))',");
    expect(module).toContain('//   error_ratio_query: sum(rate(shop_requests_total{route="cart",code=~"5.."}[{{.window}}]))\n//     /\n');
    expect(module).toContain("sli: rawSLI({ errorRatio: 'sum(rate(shop_requests_total{route=\"cart\",code=~\"5..\"}[{{window}}])) / sum(rate(shop_requests_total{route=\"cart\"}[{{window}}]))' }),");

    expect(generated.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(generated.status).toBe('ok');
    await expectPromtoolPasses(root);
  });

  it('naming a metric no catalog declares: a raw SLI, a warning saying how to declare it, and generate names the metric', async () => {
    const { dir: root, imported, module, generated } = await importAndGenerate({ format: 'sloth', input: fixture('unknown-metric.sloth.yml') });
    dir = root;
    expect(imported.status).toBe('ok');
    const raw = imported.diagnostics.filter((d) => d.code === 'import/raw-sli');
    const [errors, total] = raw;
    expect(raw).toHaveLength(2);
    expect(errors).toMatchObject({
      code: 'import/raw-sli',
      severity: 'warning',
      file: 'test/fixtures/import/unknown-metric.sloth.yml',
      line: 10,
      path: 'slos[0].sli.events.error_query',
      message: 'SLO "requests-availability": metric legacy_requests_total is not in the catalog; imported as a raw SLI',
    });
    expect(errors!.hint).toContain("`export const legacy = defineMetrics({ job: 'legacy', metrics: { legacyRequests: counter({ name: 'legacy_requests_total',");
    expect(errors!.hint).toContain('Import again with --write-catalog');
    expect(total).toMatchObject({ path: 'slos[0].sli.events.total_query', line: 11 });
    expect(module).toContain("errors: 'sum(rate(legacy_requests_total{code=~\"5..\"}[{{window}}]))',");

    // The module type-checks and loads; only the catalog check objects, at the imported file.
    expect(generated.status).toBe('errors');
    const errorsOf = generated.diagnostics.filter((d) => d.severity === 'error');
    expect(errorsOf.map((d) => `${d.file} ${d.code} ${d.message}`)).toEqual([
      'slo/unknown-metric-sloth.ts promql/unknown-metric unknown metric "legacy_requests_total"',
      'slo/unknown-metric-sloth.ts promql/unknown-metric unknown metric "legacy_requests_total"',
    ]);
  });
});
