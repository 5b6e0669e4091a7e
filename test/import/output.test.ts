import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importSpec } from '../../src/engine/compiler/import/importSpec.js';
import { removeProject } from '../compiler/project.js';
import { fixture, importProject } from './project.js';
import { importCommand } from '../../src/cli/import.js';
import { inProcess } from '../cli/lookout.js';

const ROOT = path.resolve(import.meta.dirname, '../..');


describe('the module lookout import writes', () => {
  let dir: string | undefined;
  afterEach(() => dir && removeProject(dir));

  it('is not replaced when it exists, unless forced', async () => {
    dir = importProject();
    const out = path.join(dir, 'slo/sloth.ts');
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, '// hand-edited\n');

    const refused = await importSpec({ format: 'sloth', input: fixture('sloth.yml'), root: dir });
    expect(refused.status).toBe('errors');
    expect(refused.diagnostics).toEqual([
      { code: 'import/output', severity: 'error', file: path.relative(process.cwd(), out), path: '', message: 'already exists; nothing was written', hint: 'pass --force to replace it, or --out to write another file' },
    ]);
    expect(readFileSync(out, 'utf8')).toBe('// hand-edited\n');

    const forced = await importSpec({ format: 'sloth', input: fixture('sloth.yml'), root: dir, force: true });
    expect(forced.status).toBe('ok');
    expect(readFileSync(out, 'utf8')).toMatch(/^\/\/ SLOs imported from sloth\.yml by `lookout import sloth`\./);
    // Written through a temporary file renamed into place, which is gone afterwards.
    expect(readdirSync(path.dirname(out))).toEqual(['sloth.ts']);
  });

  it('is refused when it is not TypeScript, and warned about outside the folders generate reads', async () => {
    dir = importProject();
    const yml = await importSpec({ format: 'sloth', input: fixture('sloth.yml'), root: dir, out: path.join(dir, 'slo/sloth.yml') });
    expect(yml.diagnostics.map((d) => d.message)).toEqual(['the output must be a TypeScript module (.ts)']);
    const outside = await importSpec({ format: 'sloth', input: fixture('sloth.yml'), root: dir, out: path.join(dir, 'imported/sloth.ts') });
    expect(outside.status).toBe('ok');
    expect(outside.diagnostics.find((d) => d.code === 'import/output')).toMatchObject({
      severity: 'warning',
      message: 'lookout generate only reads modules under slo/, rules/, dashboards/ of the project',
    });
  });

  it('is reported by the command, which exits 1 and writes nothing the second time', async () => {
    dir = importProject();
    // The command's function, as main.ts calls it for `lookout import openslo <file> --project <dir> --out slo/shop-slos.ts`.
    const command = { format: 'openslo', file: path.join(ROOT, 'test/fixtures/import/openslo.yml'), project: dir, out: 'slo/shop-slos.ts' };
    const first = await inProcess(() => importCommand(command));
    // Warnings name what the file holds that lookout has no place for; no error.
    expect(first.stderr).not.toMatch(/error import\//);
    expect(first.stdout).toContain(`wrote ${path.relative(ROOT, path.join(dir, 'slo/shop-slos.ts'))}: 2 SLOs (shop/checkout-availability, shop/cart-availability).`);
    expect(first.exitCode).toBe(0);
    const written = readFileSync(path.join(dir, 'slo/shop-slos.ts'), 'utf8');

    const again = await inProcess(() => importCommand(command));
    expect(again.exitCode).toBe(1);
    expect(again.stderr).toContain('slo/shop-slos.ts: error import/output: already exists; nothing was written\n  hint: pass --force to replace it');
    expect(again.stderr).not.toMatch(/\n\s+at /);
    expect(readFileSync(path.join(dir, 'slo/shop-slos.ts'), 'utf8')).toBe(written);
  });
});
