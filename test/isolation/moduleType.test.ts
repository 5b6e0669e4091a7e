import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeProject, removeProject } from '../compiler/project.js';
import { TIMEOUT } from '../support/timeouts.js';
import { generateIn, GOOD_RULES } from './project.js';

const LIBRARY = path.resolve(import.meta.dirname, '../../src/library');

/** A tsconfig that type-checks ES modules in any package (what a CommonJS service's project needs). */
const TSCONFIG = JSON.stringify({
  compilerOptions: { target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', strict: true, skipLibCheck: true, noEmit: true, paths: { lookout: [`${LIBRARY}/index.ts`], 'lookout/*': [`${LIBRARY}/*.ts`] } },
  include: ['**/*.ts'],
});

/**
 * The project's own TypeScript loads as ES modules whatever its package says: npm 11's
 * `npm init -y` writes "type": "commonjs", and a CommonJS service keeps it.
 */
describe("a project's package type", () => {
  let dir: string | undefined;
  afterEach(() => dir && removeProject(dir));

  it.each([
    { name: '"type": "commonjs"', pkg: { name: 'svc', version: '1.0.0', type: 'commonjs' } },
    { name: '"type": "module"', pkg: { name: 'svc', version: '1.0.0', type: 'module' } },
  ])('a project whose package.json says $name generates', async ({ pkg }) => {
    dir = makeProject({ 'package.json': JSON.stringify(pkg), 'tsconfig.json': TSCONFIG, 'rules/shop.ts': GOOD_RULES });
    const run = await generateIn(dir);
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    expect(readFileSync(path.join(dir, 'generated/prometheus/rules/shop.rules.yml'), 'utf8')).toContain('alert: ShopQueueDeep');
  }, TIMEOUT.generate);

  it('a project with no package.json above it generates', async () => {
    // Outside the repository, whose package.json says "module".
    const fixture = makeProject({ 'rules/shop.ts': GOOD_RULES });
    dir = mkdtempSync(path.join(os.tmpdir(), 'lookout-nopkg-'));
    for (const f of ['metrics.ts', 'lookout.config.ts', 'rules']) cpSync(path.join(fixture, f), path.join(dir, f), { recursive: true });
    removeProject(fixture);
    writeFileSync(path.join(dir, 'tsconfig.json'), TSCONFIG);
    let up = dir;
    while (path.dirname(up) !== up) {
      up = path.dirname(up);
      expect(existsSync(path.join(up, 'package.json'))).toBe(false);
    }
    const run = await generateIn(dir);
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    expect(existsSync(path.join(dir, 'generated/prometheus/rules/shop.rules.yml'))).toBe(true);
  }, TIMEOUT.generate);
});
