import { execa } from 'execa';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TIMEOUT } from '../support/timeouts.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

/**
 * The package as a user gets it: `npm pack`, installed into an empty folder, then
 * `lookout init`, `generate` and `validate` through npx, with no access to this repository.
 */
describe('lookout packed and installed into an empty folder', () => {
  let work: string;
  let app: string;
  const npx = (args: string[]) => execa('npx', ['--no-install', 'lookout', ...args], { cwd: app, reject: false, env: { NO_COLOR: '1' } });

  beforeAll(async () => {
    work = mkdtempSync(path.join(os.tmpdir(), 'lookout-pack-'));
    app = path.join(work, 'app');
    const packed = await execa('npm', ['pack', '--silent', '--pack-destination', work], { cwd: ROOT });
    const tarball = path.join(work, packed.stdout.trim().split('\n').pop()!);
    await execa('mkdir', ['-p', app]);
    await execa('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', tarball], { cwd: app });
  }, TIMEOUT.packInstall);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('init writes a project that generate and validate accept', async () => {
    const init = await npx(['init']);
    expect(init.exitCode).toBe(0);
    expect(init.stdout).toContain('created lookout.config.ts');
    expect(JSON.parse(readFileSync(path.join(app, 'package.json'), 'utf8')).type).toBe('module');

    const generate = await npx(['generate']);
    expect(generate.stderr).not.toMatch(/error|warning/);
    expect(generate.exitCode).toBe(0);
    expect(readFileSync(path.join(app, 'generated/prometheus/rules/api.rules.yml'), 'utf8')).toContain('alert: ApiHighErrorRate');

    const validate = await npx(['validate']);
    expect(validate.exitCode).toBe(0);
    expect(validate.stdout).toContain('ok   promtool test rules');
    expect(validate.stdout).toMatch(/ok {3}amtool config routes test \(9 cases/);

    expect((await npx(['generate', '--check'])).exitCode).toBe(0);
  }, TIMEOUT.validate);

  it('reports a wrong label in the installed project as a type error with file and line', async () => {
    const rules = path.join(app, 'rules/api.ts');
    const original = readFileSync(rules, 'utf8');
    writeFileSync(rules, original.replace(".by('route')", ".by('rout')"));
    try {
      const r = await npx(['generate']);
      expect(r.exitCode).toBe(1);
      expect(r.stderr).toMatch(/^rules\/api\.ts:5:\d+: error typescript\/TS2345: Argument of type '"rout"' is not assignable/m);
    } finally {
      writeFileSync(rules, original);
    }
  }, TIMEOUT.generate);
});
