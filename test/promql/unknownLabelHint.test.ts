import { describe, expect, it } from 'vitest';
import { prometheusBuiltins } from '../../src/library/catalog/builtin.js';
import { MetricIndex } from '../../src/library/catalog/metricIndex.js';
import { checkQuery } from '../../src/library/queries/checks/index.js';
import { shop } from '../fixtures/mini/metrics.js';
import { goSemantics } from '../../src/engine/compiler/semantics.js';

function hint(query: string): string | undefined {
  const index = new MetricIndex([prometheusBuiltins, shop]);
  const { diagnostics } = checkQuery(query, { index, scrapeIntervalMs: 15_000, evaluationIntervalMs: 60_000, path: 'Test.expr', semantics: goSemantics });
  return diagnostics.find((d) => d.code === 'promql/unknown-label')?.hint;
}

describe('the unknown-label hint', () => {
  it('lists the labels the series has when no name is close to the unknown one', () => {
    expect(hint('rate(shop_requests_total{zzzzzzzz="1"}[5m]) > 0')).toMatch(/^labels here: .*code.*route/);
  });

  it('lists the labels of an aggregation input', () => {
    expect(hint('sum by (zzzzzzzz) (rate(shop_requests_total[5m])) > 0')).toMatch(/^labels here: .*code.*route/);
  });
});
