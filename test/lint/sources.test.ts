import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { matchesEntry, serviceFiles } from '../../src/engine/instrumentation/sources.js';
import type { Catalog } from '../../src/library/catalog/define.js';

const SHOP = path.resolve(import.meta.dirname, '../fixtures/lint/shop');
const catalog = { kind: 'catalog', job: 'shop', metrics: {} } as Catalog;

describe('service sources', () => {
  it.each([
    ['src/gateway/server.ts', 'src/gateway', true],
    ['src/gateway/server.ts', './src/gateway/', true],
    ['src/gatewayx/server.ts', 'src/gateway', false],
    ['src/gateway/chat/handler.ts', 'src/gateway/*.ts', false],
    ['src/gateway/chat/handler.ts', 'src/gateway/**/*.ts', true],
    ['src/gateway/server.ts', 'src/gateway/**/*.ts', true],
    ['src/gateway/mock/openai.ts', 'src/*/mock', true],
  ])('%s matched against %s is %s', (file, entry, expected) => {
    expect(matchesEntry(file, entry)).toBe(expected);
  });

  it('are the TypeScript files under the sources, less the excluded ones, test files and the catalog file', () => {
    const { files, unmatched } = serviceFiles(SHOP, { catalog, sources: ['src', 'metrics.ts'], exclude: ['src/fake'] }, path.join(SHOP, 'metrics.ts'));
    expect(files.map((f) => path.relative(SHOP, f))).toEqual(['src/orders/cache.ts', 'src/orders/helpers.ts', 'src/server.ts']);
    expect(unmatched).toEqual([]);
  });

  it('name each source entry that matches no file', () => {
    const { unmatched } = serviceFiles(SHOP, { catalog, sources: ['src/**/*.ts', 'lib'], exclude: [] }, undefined);
    expect(unmatched).toEqual([{ field: 'sources', index: 1, entry: 'lib' }]);
  });
});
