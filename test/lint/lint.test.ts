import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { lint, type LintResult } from '../../src/engine/compiler/lintProject.js';
import type { Diagnostic } from '../../src/library/diagnostics/diagnostic.js';
import { lintCommand } from '../../src/cli/lint.js';
import { inProcess } from '../cli/lookout.js';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures');

/** The diagnostics of one code, reduced to what a reader of the output sees. */
function reported(result: LintResult, code: string): Pick<Diagnostic, 'file' | 'line' | 'column' | 'path' | 'message'>[] {
  return result.diagnostics.filter((d) => d.code === code).map(({ file, line, column, path: p, message }) => ({ file, line, column, path: p, message }));
}

describe('lookout lint on a service that records every catalog metric', () => {
  let result: LintResult;
  beforeAll(async () => {
    result = await lint({ root: path.join(FIXTURES, 'lint/shop') });
  });

  it('passes without a single diagnostic', () => {
    expect(result.diagnostics).toEqual([]);
    expect(result.status).toBe('ok');
    expect(result.summary).toEqual({ services: 1, files: 3, metrics: 7, emitted: 7, readers: 5, panels: 0 });
  });

  it('counts recordings through an alias, destructuring, typed helper parameters, a helper\'s call sites, an element access, a loop over instruments and an injected field', () => {
    expect(result.recordings).toEqual([
      { file: 'src/orders/cache.ts', line: 10, call: 'this.hits.inc', metrics: ['cacheHits'] },
      { file: 'src/orders/helpers.ts', line: 7, call: 'gauge.set', metrics: ['queue'] },
      { file: 'src/orders/helpers.ts', line: 11, call: 'breaker.setState', metrics: ['breaker'] },
      { file: 'src/orders/helpers.ts', line: 14, call: 'gauge.setToCurrentTime', metrics: ['lastSync'] },
      { file: 'src/server.ts', line: 14, call: 'm.requests.inc', metrics: ['requests'] },
      { file: 'src/server.ts', line: 17, call: 'duration.observe', metrics: ['duration'] },
      { file: 'src/server.ts', line: 28, call: 'issued.inc', metrics: ['refunds'] },
      { file: 'src/server.ts', line: 33, call: 'c.inc', metrics: ['cacheHits', 'refunds'] },
    ]);
  });

  it('leaves out excluded folders and test files, whose own prom-client metrics are not the service\'s', () => {
    expect(result.recordings!.map((r) => r.file)).not.toContain('src/fake/payments.ts');
    expect(result.diagnostics.filter((d) => d.code.startsWith('lint/'))).toEqual([]);
  });
});

describe('lookout lint on a service that disagrees with its monitoring', () => {
  let result: LintResult;
  beforeAll(async () => {
    result = await lint({ root: path.join(FIXTURES, 'lint/broken') });
  });

  it('fails', () => {
    expect(result.status).toBe('errors');
  });

  it('reports an import of prom-client at the module name', () => {
    expect(reported(result, 'lint/prom-client-import')).toEqual([
      { file: 'src/server.ts', line: 1, column: 25, path: '', message: 'imports "prom-client": service code records metrics only through instrument(catalog)' },
    ]);
  });

  it('reports an ad-hoc prom-client counter and a counter() outside the catalog file at their file:line:col', () => {
    expect(reported(result, 'lint/metric-outside-catalog')).toEqual([
      { file: 'src/server.ts', line: 13, column: 15, path: '', message: 'new Counter(...) creates a prom-client metric outside the catalog: no rule, SLO or dashboard is checked against it' },
      { file: 'src/server.ts', line: 14, column: 22, path: '', message: 'counter() declares a metric outside the catalog' },
    ]);
  });

  it('reports each catalog metric nobody records at its entry in the catalog', () => {
    expect(reported(result, 'lint/metric-never-emitted')).toEqual([
      { file: 'metrics.ts', line: 11, column: 5, path: 'refunds', message: '"shop_refunds_total" is never recorded: no source of the shop service (src, lib/**/*.ts) records its instrument' },
      { file: 'metrics.ts', line: 12, column: 5, path: 'stock', message: '"shop_stock_items" is never recorded: no source of the shop service (src, lib/**/*.ts) records its instrument' },
    ]);
  });

  it('reports an alert, a recording rule and an SLO that read a catalog metric nobody emits, naming each and the metric', () => {
    expect(reported(result, 'lint/read-but-never-emitted')).toEqual([
      {
        file: 'rules/shop.ts',
        line: 17,
        column: 27,
        path: 'ShopRefundSpike.expr',
        message: 'alert "ShopRefundSpike" reads "shop_refunds_total", which the shop service never records: an alert on a metric nobody emits can never fire',
      },
      {
        file: 'rules/shop.ts',
        line: 23,
        column: 53,
        path: 'job:shop_refunds:rate5m.expr',
        message: 'recording rule "job:shop_refunds:rate5m" reads "shop_refunds_total", which the shop service never records: the rule records nothing',
      },
      {
        file: 'rules/shop.ts',
        line: 26,
        column: 14,
        path: 'ShopRefundRateHigh.expr',
        message:
          'alert "ShopRefundRateHigh" reads "shop_refunds_total" through recording rule "job:shop_refunds:rate5m", which the shop service never records: an alert on a metric nobody emits can never fire',
      },
      {
        file: 'slo/shop.ts',
        line: 9,
        column: 8,
        path: 'shop/in-stock.sli',
        message: 'SLO "shop/in-stock" reads "shop_stock_items", which the shop service never records: its SLI has no data, so it never burns budget and never alerts',
      },
    ]);
  });

  it('underlines the selector of the unemitted metric in a string query', () => {
    const spike = result.diagnostics.find((d) => d.path === 'ShopRefundSpike.expr')!;
    expect(spike.snippet!.text.slice(spike.snippet!.from, spike.snippet!.to)).toBe('shop_refunds_total');
  });

  it('warns about a recording call it cannot trace back to a catalog entry', () => {
    expect(reported(result, 'lint/untraced-recording')).toEqual([
      { file: 'src/server.ts', line: 18, column: 28, path: '', message: 'cannot tell which catalog metric g.set() records' },
    ]);
    expect(result.diagnostics.find((d) => d.path === 'stock')!.hint).toContain('1 recording call could not be traced (lint/untraced-recording)');
  });

  it('reports a source entry that matches no file at its place in lookout.config.ts', () => {
    expect(reported(result, 'lint/service-config')).toEqual([
      { file: 'lookout.config.ts', line: 10, column: 48, path: 'project.services[0].sources[1]', message: '"lib/**/*.ts" matches no TypeScript file under the project folder' },
    ]);
  });
});

describe('lookout lint on a project without services', () => {
  it('says there is nothing to lint and exits with the usage code', async () => {
    const run = await inProcess(() => lintCommand({ project: path.join(FIXTURES, 'mini') }));
    expect(run.stderr).toContain('nothing to lint: lookout.config.ts declares no services');
    expect(run.exitCode).toBe(2);
  });
});
