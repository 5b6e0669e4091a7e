import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../src/engine/compiler/generate.js';
import { makeProject, removeProject, snapshot } from '../compiler/project.js';
import { TIMEOUT } from '../support/timeouts.js';

/** An SLO module over the mini fixture's shop catalog; `fields` replace the defaults. */
function sloModule(...slos: string[]): string {
  return [`import { defineSLO, latency, ratio } from 'lookout'; import { re } from 'lookout/promql';`, `import { shop } from '../metrics.js';`, `const m = shop.metrics;`, ...slos].join('\n') + '\n';
}

function slo(exportName: string, fields: Record<string, string>): string {
  const all: Record<string, string> = {
    service: `'shop'`,
    name: `'checkout-success'`,
    description: `'Checkout requests are answered without a server error.'`,
    objective: '99.5',
    sli: `ratio({ errors: m.requests.where({ route: 'checkout', code: re('5..') }), total: m.requests.where({ route: 'checkout' }) })`,
    alerting: `{ name: 'ShopCheckoutBudgetBurn' }`,
    ...fields,
  };
  const body = Object.entries(all).map(([k, v]) => `  ${k}: ${v},`).join('\n');
  return `export const ${exportName} = defineSLO({\n${body}\n});`;
}

const SOUND = sloModule(slo('s', { alerting: 'false' }));

/**
 * One project for the whole file, generated once from a sound SLO; each case writes `files`
 * over it, generates, and puts the sound module back. Returns the diagnostics, having checked
 * that a failed generate left generated/ untouched.
 */
let dir: string;
beforeAll(async () => {
  dir = makeProject({ 'slo/shop.ts': SOUND });
  expect((await generate({ root: dir })).status).toBe('ok');
}, TIMEOUT.generate);
afterAll(() => removeProject(dir));

async function diagnosticsOf(files: Record<string, string>) {
  const before = snapshot(path.join(dir, 'generated'));
  try {
    for (const [rel, text] of Object.entries(files)) writeFileSync(path.join(dir, rel), text);
    const result = await generate({ root: dir });
    // A failed generate writes nothing: generated/ is exactly what the last good run left.
    if (result.status !== 'ok') expect(snapshot(path.join(dir, 'generated'))).toEqual(before);
    return result;
  } finally {
    for (const rel of Object.keys(files)) rmSync(path.join(dir, rel));
    writeFileSync(path.join(dir, 'slo/shop.ts'), SOUND);
  }
}

describe('SLO lints stop generation with the file and the SLO', () => {
  it('a 90% objective with the default tiers: the 14.4x tier could never fire', async () => {
    const result = await diagnosticsOf({ 'slo/shop.ts': sloModule(slo('s', { objective: '90' })) });
    expect(result.status).toBe('errors');
    expect(result.diagnostics).toContainEqual(
      expect.objectContaining({
        code: 'slo/tier-never-fires',
        severity: 'error',
        file: 'slo/shop.ts',
        line: 10,
        path: 'shop/checkout-success.alerting.tiers',
        message: expect.stringContaining('needs an error ratio above 144%'),
      }),
    );
  });

  it('switching the unreachable tiers off makes the same objective valid', async () => {
    const tiers = `{ name: 'ShopCheckoutBudgetBurn', tiers: { '1h': false, '6h': false } }`;
    const result = await diagnosticsOf({ 'slo/shop.ts': sloModule(slo('s', { objective: '90', alerting: tiers })) });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.status).toBe('ok');
  });

  it('a latency threshold that is not a bucket of the histogram', async () => {
    // The type of latency() admits only declared buckets; a cast gets past tsc, not the compiler.
    const sli = `latency({ histogram: m.duration, threshold: 0.3 as 0.5 })`;
    const result = await diagnosticsOf({ 'slo/shop.ts': sloModule(slo('s', { name: `'fast-pages'`, sli, alerting: `false` })) });
    expect(result.status).toBe('errors');
    expect(result.diagnostics).toContainEqual(
      expect.objectContaining({ code: 'slo/latency-threshold', file: 'slo/shop.ts', path: 'shop/fast-pages.sli.threshold', message: 'threshold 0.3 is not a bucket of "shop_request_duration_seconds"' }),
    );
  });

  it('the same SLO id twice, across two files', async () => {
    const result = await diagnosticsOf({
      'slo/shop.ts': sloModule(slo('first', {})),
      'slo/b.ts': sloModule(slo('second', { alerting: `{ name: 'ShopCheckoutBudgetBurnAgain' }` })),
    });
    expect(result.status).toBe('errors');
    expect(result.diagnostics).toContainEqual(
      expect.objectContaining({ code: 'slo/duplicate-id', file: 'slo/shop.ts', line: 6, path: 'shop/checkout-success.name', message: 'SLO "shop/checkout-success" is also defined at slo/b.ts:4' }),
    );
  });

  it.each([
    ['an objective of 100%', { objective: '100' }, 'slo/objective', 'shop/checkout-success.objective'],
    ['a period longer than the retention', { period: `'60d'` }, 'slo/period-retention', 'shop/checkout-success.period'],
    ['a 30d budget of 2.6 s, less than one 15 s scrape', { objective: '99.9999', alerting: 'false' }, 'slo/budget-too-small', 'shop/checkout-success.objective'],
    ['a tier whose for outlasts its short window', { alerting: `{ name: 'ShopCheckoutBudgetBurn', tiers: { '1h': { for: '10m' } } }` }, 'slo/tier-windows', 'shop/checkout-success.alerting.tiers'],
    ['a tier key that is not a default tier', { alerting: `{ name: 'ShopCheckoutBudgetBurn', tiers: { '2h': false } }` }, 'slo/tier-windows', 'shop/checkout-success.alerting.tiers.2h'],
    ['grouping by a label the SLI does not carry', { groupBy: `['upstream' as 'route']` }, 'slo/grouping-labels', 'shop/checkout-success.groupBy'],
  ])('%s', async (_name, fields, code, at) => {
    const result = await diagnosticsOf({ 'slo/shop.ts': sloModule(slo('s', fields)) });
    expect(result.status).toBe('errors');
    expect(result.diagnostics).toContainEqual(expect.objectContaining({ code, file: 'slo/shop.ts', path: expect.stringContaining(at) }));
  });
});
