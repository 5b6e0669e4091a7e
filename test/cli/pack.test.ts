import { execa, execaSync } from 'execa';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TIMEOUT } from '../support/timeouts.js';
import { readmeBlocks } from './readmeBlocks.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const NPM_QUIET = ['--prefer-offline', '--no-audit', '--no-fund'];

/**
 * The package as a user gets it: `npm pack` once, installed into empty folders, then used
 * through npx with no access to this repository: init, generate and validate; and the README's
 * user path, command by command, as written.
 */
describe('lookout packed and installed into an empty folder', () => {
  let work: string;
  let tarball: string;
  let app: string;
  const npx = (args: string[], cwd = app) => execa('npx', ['--no-install', 'lookout', ...args], { cwd, reject: false, env: { NO_COLOR: '1' } });

  beforeAll(async () => {
    work = mkdtempSync(path.join(os.tmpdir(), 'lookout-pack-'));
    app = path.join(work, 'app');
    const packed = await execa('npm', ['pack', '--silent', '--pack-destination', work], { cwd: ROOT });
    tarball = path.join(work, packed.stdout.trim().split('\n').pop()!);
    mkdirSync(app);
    // A module package, as init writes when there is none: the CommonJS case is the README's, below.
    writeFileSync(path.join(app, 'package.json'), '{ "name": "app", "private": true, "type": "module" }\n');
    await execa('npm', ['install', ...NPM_QUIET, tarball], { cwd: app });
  }, TIMEOUT.packInstall);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('init writes a project that generate and validate accept', async () => {
    const init = await npx(['init']);
    expect(init.exitCode).toBe(0);
    expect(init.stdout).toContain('created  lookout.config.ts');
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

    // Run again, init refuses to mix a second project into this one.
    const again = await npx(['init']);
    expect(again.exitCode).toBe(1);
    expect(again.stderr).toContain('init wrote nothing');
  }, TIMEOUT.validate);

  it('resolves each entry of the package, and ships no part of the reference gateway', async () => {
    // One name each entry exists for, as an installed package resolves it.
    const script = `
      const checks = { lookout: 'defineProject', 'lookout/promql': 'parsePromQL', 'lookout/dashboards': 'timeseries', 'lookout/runtime': 'instrument' };
      for (const [entry, name] of Object.entries(checks)) console.log(entry, typeof (await import(entry))[name]);`;
    const r = await execa('node', ['--input-type=module', '-e', script], { cwd: app, reject: false });
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n')).toEqual(['lookout function', 'lookout/promql function', 'lookout/dashboards function', 'lookout/runtime function']);

    // The gateway's mock provider and ledger are the reference gateway's, which no command runs.
    const installed = path.join(app, 'node_modules/lookout');
    const files = readdirSync(installed, { recursive: true, encoding: 'utf8' });
    expect(files).toContain(path.join('dist', 'library', 'runtime.d.ts'));
    expect(files.filter((f) => /integrations[\\/]gateway[\\/](mock|ledger)[\\/]/.test(f))).toEqual([]);
  }, TIMEOUT.test);

  it('reports a wrong label in the installed project as a type error with file and line', async () => {
    const rules = path.join(app, 'rules/api.ts');
    const original = readFileSync(rules, 'utf8');
    writeFileSync(rules, original.replace(".by('route')", ".by('rout')"));
    try {
      const r = await npx(['generate']);
      expect(r.exitCode).toBe(1);
      expect(r.stderr).toMatch(/^rules\/api\.ts:6:\d+: error typescript\/TS2345: Argument of type '"rout"' is not assignable/m);
    } finally {
      writeFileSync(rules, original);
    }
  }, TIMEOUT.generate);

  /**
   * Every `sh user` block of the README, line by line, in a new empty folder, with each
   * `file=` block written when the README shows it: the examples are the files, so a README
   * that stops working fails here. `npm install ... lookout` installs the tarball.
   */
  async function followReadme(folder: string): Promise<void> {
    mkdirSync(folder);
    for (const block of readmeBlocks()) {
      if (block.kind === 'file') {
        mkdirSync(path.dirname(path.join(folder, block.path)), { recursive: true });
        writeFileSync(path.join(folder, block.path), block.content);
        continue;
      }
      if (block.kind !== 'user') continue;
      for (const command of block.commands) {
        // lookout from the tarball; anything else npm installs from the registry (or its cache).
        const run = command.startsWith('npm install ') ? `${command.replace(/ lookout\b/, ` ${tarball}`)} ${NPM_QUIET.join(' ')}` : command;
        const r = await execa('bash', ['-c', run], { cwd: folder, reject: false, all: true, env: { NO_COLOR: '1' } });
        expect(r.exitCode, `README.md:${block.line}: \`${command}\` exited ${r.exitCode}:\n${r.all}`).toBe(0);
        expect(r.all, `README.md:${block.line}: \`${command}\``).not.toMatch(/internal error|^\S+:\d+:\d+: error /m);
      }
    }
    const rules = (f: string) => readFileSync(path.join(folder, 'generated/prometheus/rules', f), 'utf8');
    expect(rules('payments.rules.yml')).toContain('alert: PaymentsHighErrorRate');
    expect(existsSync(path.join(folder, 'generated/prometheus/rules/slo-payments-api-charges-success.rules.yml'))).toBe(true);
    expect(existsSync(path.join(folder, 'generated/prometheus/rules/slo-payments-api-refunds-success.rules.yml'))).toBe(true);
    expect(existsSync(path.join(folder, 'generated/grafana/dashboards'))).toBe(true);
  }

  // npm 11's `npm init -y` writes "type": "commonjs": the loader imports the definitions as ES
  // modules whatever the package type. (A module package is the case above: init's own
  // project; a package.json without "type", npm 10's, is test/isolation/moduleType.test.ts's.)
  it("follows the README's user path exactly as written: npm init -y (CommonJS on npm 11), which init keeps", async () => {
    const folder = path.join(work, 'readme-as-written');
    await followReadme(folder).finally(() => {
      const npmMajor = Number(execaSyncVersion().split('.')[0]);
      if (existsSync(path.join(folder, 'package.json')) && npmMajor >= 11) {
        expect(JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8')).type).toBe('commonjs');
      }
    });
  }, TIMEOUT.packInstall * 2);
});

function execaSyncVersion(): string {
  return String(execaSync('npm', ['--version']).stdout).trim();
}
