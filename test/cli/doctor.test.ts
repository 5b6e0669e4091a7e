import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { doctorCommand } from '../../src/cli/doctor.js';
import { initCommand } from '../../src/cli/init.js';
import { inProcess } from './lookout.js';

const VERSION = (JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../package.json'), 'utf8')) as { version: string }).version;

/**
 * Each case is a project made by `lookout init` with lookout "installed" (its package.json in
 * node_modules), then one thing changed; the machine's real promtool and amtool (Debian's 2.42
 * and 0.25) are used unless a case points lookout at a stand-in that prints another version.
 */
describe('lookout doctor', () => {
  let work: string;
  beforeAll(() => {
    work = mkdtempSync(path.join(os.tmpdir(), 'lookout-doctor-'));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  async function project(name: string, change: (dir: string) => void): Promise<string> {
    const dir = path.join(work, name);
    await inProcess(() => initCommand({ dir }));
    mkdirSync(path.join(dir, 'node_modules/lookout'), { recursive: true });
    writeFileSync(path.join(dir, 'node_modules/lookout/package.json'), JSON.stringify({ name: 'lookout', version: VERSION }));
    change(dir);
    return dir;
  }
  function write(dir: string, rel: string, text: string) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  function fakeTool(name: string, says: string): string {
    const file = path.join(work, `fake-${name}-${says.replace(/\W/g, '')}`);
    writeFileSync(file, `#!/bin/sh\necho "${name}, version ${says} (branch: debian/sid)"\n`);
    chmodSync(file, 0o755);
    return file;
  }
  async function doctor(dir: string, env: Record<string, string> = {}) {
    for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v);
    try {
      return await inProcess(() => doctorCommand({ project: dir, version: VERSION }));
    } finally {
      vi.unstubAllEnvs();
    }
  }

  it('says all is well, with the versions found, for a fresh init project on this machine', async () => {
    const r = await doctor(await project('fresh', () => undefined));
    expect(r.stdout).toMatch(/ok {7}promtool 2\.42\.\d+ .*the version lookout targets/);
    expect(r.stdout).toMatch(/ok {7}amtool 0\.25\.\d+ .*the version lookout targets/);
    expect(r.stdout).toContain(`ok       lookout ${VERSION}, installed in the project`);
    expect(r.stdout).toContain('ok       tsconfig.json resolves modules as Bundler');
    expect(r.stdout).toContain('All is well.');
    expect(r.exitCode).toBe(0);
  });

  it.each<[string, (dir: string) => void, Record<string, string>, RegExp]>([
    ['promtool is missing', () => undefined, { LOOKOUT_PROMTOOL: '/nonexistent/promtool' }, /problem  promtool not found \(looked for "\/nonexistent\/promtool"\).*apt-get install -y --no-install-recommends prometheus/],
    ['promtool is older than the one lookout targets', () => undefined, { LOOKOUT_PROMTOOL: 'FAKE:promtool:2.31.1' }, /problem  promtool 2\.31\.1 .*lookout targets 2\.42 \(Debian 12's\)/],
    ['promtool is a 3.x', () => undefined, { LOOKOUT_PROMTOOL: 'FAKE:promtool:3.1.0' }, /problem  promtool 3\.1\.0 /],
    ['amtool is missing', () => undefined, { LOOKOUT_AMTOOL: '/nonexistent/amtool' }, /problem  amtool not found/],
    ['lookout.config.ts is missing', (d) => rmSync(path.join(d, 'lookout.config.ts')), {}, /problem  no lookout\.config\.ts: run `npx lookout init`/],
    ['lookout is not installed in the project', (d) => rmSync(path.join(d, 'node_modules/lookout'), { recursive: true }), {}, /problem  lookout is not installed in this project/],
    ['another lookout is installed than the one running', (d) => write(d, 'node_modules/lookout/package.json', '{"name":"lookout","version":"0.0.1"}'), {}, /problem  lookout 0\.0\.1 is installed here but .* is running/],
    ['the tsconfig resolves modules the old way', (d) => write(d, 'tsconfig.json', '{ "compilerOptions": { "module": "commonjs" } }'), {}, /problem  tsconfig\.json resolves modules as Node10, which does not read package exports/],
    ['the tsconfig is NodeNext in a CommonJS package', (d) => (write(d, 'tsconfig.json', '{ "compilerOptions": { "module": "NodeNext" } }'), write(d, 'package.json', '{ "type": "commonjs" }')), {}, /problem  tsconfig\.json uses moduleResolution NodeNext in a CommonJS package/],
    ['a definition imports node:fs without @types/node', (d) => write(d, 'rules/limits.ts', "import { readFileSync } from 'node:fs';\nexport const limit = readFileSync('x', 'utf8');\n"), {}, /problem  the definitions use Node .* @types\/node is not installed: `npm install --save-dev @types\/node`/],
    [
      'a definition reads process.env, and the tsconfig\'s types leave out node',
      (d) => (write(d, 'node_modules/@types/node/package.json', '{"version":"20.0.0"}'), write(d, 'tsconfig.json', '{ "compilerOptions": { "module": "ESNext", "moduleResolution": "Bundler", "types": [] } }'), write(d, 'rules/env.ts', 'export const team = process.env.TEAM;\n')),
      {},
      /problem  the definitions use Node .* tsconfig\.json has "types": \[\]: add "types": \["node"\]/,
    ],
  ])('exits 1 and says what to do when %s', async (name, change, env, expected) => {
    const fakes = Object.fromEntries(Object.entries(env).map(([k, v]) => {
      const [, tool, version] = v.split(':');
      return [k, v.startsWith('FAKE:') ? fakeTool(tool!, version!) : v];
    }));
    const r = await doctor(await project(name.replace(/\W+/g, '-'), change), fakes);
    expect(r.stdout).toMatch(expected);
    expect(r.stdout).toMatch(/\d+ problems? to fix\./);
    expect(r.exitCode).toBe(1);
  });

  it('says to name Node\'s types when the tsconfig names none (TypeScript 6 then includes none)', async () => {
    const dir = await project('no-types', (d) => (write(d, 'node_modules/@types/node/package.json', '{"version":"20.0.0"}'), write(d, 'rules/env.ts', 'export const team = process.env.TEAM;\n')));
    const r = await doctor(dir);
    expect(r.stdout).toContain('tsconfig.json names no "types": add "types": ["node"]');
    expect(r.exitCode).toBe(1);
  });

  it("accepts npm 11's CommonJS package with init's tsconfig, and notes a tool version it is not tested with", async () => {
    const dir = await project('commonjs', (d) => write(d, 'package.json', '{ "name": "payments-api", "type": "commonjs" }'));
    const r = await doctor(dir, { LOOKOUT_AMTOOL: fakeTool('amtool', '0.27.0') });
    expect(r.stdout).toContain('ok       package.json with "type": "commonjs": lookout loads the definitions as ES modules either way');
    expect(r.stdout).toMatch(/note {5}amtool 0\.27\.0 .*tested with 0\.25/);
    expect(r.exitCode).toBe(0);
  });
});
