import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { initCommand } from '../../src/cli/init.js';
import { snapshot } from '../compiler/project.js';
import { inProcess } from './lookout.js';

/** What `npm init -y` of npm 11 writes: CommonJS said out loud. */
const NPM11_PACKAGE = `${JSON.stringify({ name: 'payments-api', version: '1.0.0', main: 'index.js', type: 'commonjs', scripts: { test: 'echo "Error: no test specified" && exit 1' } }, null, 2)}\n`;

describe('lookout init', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lookout-init-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const read = (rel: string) => readFileSync(path.join(dir, rel), 'utf8');
  const init = (force?: boolean) => inProcess(() => initCommand({ dir, force }));

  it('writes a project, a module package.json and a tsconfig that resolves lookout whatever the package type, into an empty folder', async () => {
    const r = await init();
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('created  lookout.config.ts');
    expect(r.stdout).toContain('created package.json');
    expect(JSON.parse(read('package.json'))).toMatchObject({ private: true, type: 'module' });
    expect(JSON.parse(read('tsconfig.json')).compilerOptions).toMatchObject({ module: 'ESNext', moduleResolution: 'Bundler' });
  });

  it("keeps npm 11's \"type\": \"commonjs\" as it is instead of refusing it or flipping it", async () => {
    writeFileSync(path.join(dir, 'package.json'), NPM11_PACKAGE);
    const r = await init();
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe('');
    expect(read('package.json')).toBe(NPM11_PACKAGE);
    expect(read('rules/api.ts')).toContain("from 'lookout'");
  });

  it('names Node\'s types in the tsconfig when @types/node is installed', async () => {
    mkdirSync(path.join(dir, 'node_modules/@types/node'), { recursive: true });
    writeFileSync(path.join(dir, 'node_modules/@types/node/package.json'), '{ "name": "@types/node", "version": "20.0.0" }\n');
    await init();
    expect(JSON.parse(read('tsconfig.json')).compilerOptions.types).toEqual(['node']);
  });

  it('keeps a tsconfig.json that exists, and says doctor checks it', async () => {
    writeFileSync(path.join(dir, 'tsconfig.json'), '{ "compilerOptions": { "strict": true } }\n');
    const r = await init();
    expect(r.exitCode).toBe(0);
    expect(read('tsconfig.json')).toBe('{ "compilerOptions": { "strict": true } }\n');
    expect(r.stdout).toContain('kept     tsconfig.json (yours): `npx lookout doctor`');
  });

  it.each([
    ['run again over its own project, edited since', { 'lookout.config.ts': 'edited\n', 'rules/api.ts': 'edited\n' }, ['lookout.config.ts', 'rules/api.ts']],
    ["into a project whose definitions are the user's own", { 'rules/payments.ts': 'mine\n', 'slo/payments.ts': 'mine\n' }, ['rules/payments.ts', 'slo/payments.ts']],
  ])('refuses, writing nothing and naming what exists, when %s', async (_case, files, named) => {
    for (const [rel, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      writeFileSync(path.join(dir, rel), text);
    }
    const before = snapshot(dir);
    const r = await init();
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('already holds a lookout project or definitions; init wrote nothing');
    for (const rel of named) expect(r.stderr).toContain(`\n  ${rel}\n`);
    expect(r.stderr).toContain('lookout init --force');
    expect(snapshot(dir)).toEqual(before);
  });

  it("with --force, replaces init's files and leaves the user's other modules", async () => {
    mkdirSync(path.join(dir, 'rules'));
    writeFileSync(path.join(dir, 'rules/api.ts'), 'edited\n');
    writeFileSync(path.join(dir, 'rules/payments.ts'), 'mine\n');
    const r = await init(true);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('replaced rules/api.ts');
    expect(read('rules/api.ts')).toContain('ruleGroup');
    expect(read('rules/payments.ts')).toBe('mine\n');
  });
});
