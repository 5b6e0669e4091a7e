import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toolchainFingerprint, toolchainOf } from '../../src/engine/compiler/cache/toolchain.js';

let dir: string;
const write = (rel: string, text: string) => {
  mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
  writeFileSync(path.join(dir, rel), text);
};

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'lookout-toolchain-'));
  // An installed lookout: its package.json, its code in dist/, its dependencies beside it.
  write('node_modules/lookout/package.json', '{ "name": "lookout", "version": "1.0.0" }');
  write('node_modules/lookout/dist/compiler/compile.js', 'export const x = 1;\n');
  write('node_modules/typescript/package.json', '{ "version": "6.0.3" }');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const code = () => path.join(dir, 'node_modules/lookout/dist');

describe('the toolchain fingerprint every cache entry depends on', () => {
  it('stays the same while nothing changes', () => {
    expect(toolchainOf(code())).toBe(toolchainOf(code()));
  });

  it.each([
    ['upgrading lookout', () => write('node_modules/lookout/package.json', '{ "name": "lookout", "version": "1.1.0" }')],
    ['a change to lookout\'s code (a patched install, or work on lookout itself)', () => write('node_modules/lookout/dist/compiler/compile.js', 'export const x = 2;\n')],
    ['a file added to lookout\'s code', () => write('node_modules/lookout/dist/compiler/extra.js', '')],
    ['upgrading TypeScript', () => write('node_modules/typescript/package.json', '{ "version": "6.0.4" }')],
    ['installing a package that was missing', () => write('node_modules/yaml/package.json', '{ "version": "2.9.1" }')],
  ])('changes with %s', (_, change) => {
    const before = toolchainOf(code());
    change();
    expect(toolchainOf(code())).not.toBe(before);
  });

  it("is the running lookout's own", () => {
    expect(toolchainFingerprint()).toMatch(/^[0-9a-f]{64}$/);
    expect(toolchainFingerprint()).toBe(toolchainOf(path.resolve(import.meta.dirname, '../../src')));
  });
});
