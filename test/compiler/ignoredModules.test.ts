import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { discover, ignoredDefinitionModules, type ProjectFiles } from '../../src/engine/compiler/discover.js';
import { generate } from '../../src/engine/compiler/generate.js';
import { TIMEOUT } from '../support/timeouts.js';
import { makeProject, removeProject } from './project.js';

const GROUP = `import { alert, ruleGroup } from 'lookout';

export default ruleGroup({
  name: 'extra',
  rules: [alert({ name: 'ShopExtra', expr: 'vector(1) > 2', severity: 'ticket', summary: 'Extra.', description: 'Extra.' })],
});
`;
const SLO = `import { defineSLO, rawSLI } from 'lookout';

// An SLO kept beside the service.
export const extraSlo = defineSLO({ service: 'shop', name: 'extra', objective: 99, sli: rawSLI({ errors: 'x', total: 'y' }) });
`;
const HELPER = `import { alert, ruleGroup } from 'lookout';

/** Builds a group; a module under rules/ calls it. */
export function groupFor(name: string) {
  return ruleGroup({ name, rules: [] });
}
`;

async function filesOf(dir: string): Promise<ProjectFiles> {
  const files = await discover(dir);
  if ('missing' in files) throw new Error(`no config in ${dir}`);
  return files;
}

async function warnings(extra: Record<string, string>) {
  const dir = makeProject(extra);
  try {
    return (await ignoredDefinitionModules(await filesOf(dir))).map((d) => `${d.file}:${d.line}: ${d.severity} ${d.code}: ${d.message} (hint: ${d.hint})`);
  } finally {
    removeProject(dir);
  }
}

describe('definition modules outside slo/, rules/ and dashboards/', () => {
  it.each([
    [
      'a rule group in alerts/ is named, with the folder to move it to',
      { 'alerts/extra.ts': GROUP },
      ["alerts/extra.ts:3: warning load/ignored-module: alerts/extra.ts exports a rule group (ruleGroup) but is outside slo/, rules/, dashboards/: lookout generate does not load it (hint: move it under rules/, or import it from a module there)"],
    ],
    [
      'an SLO exported by name at the project root is named, at its line',
      { 'checkout.ts': SLO },
      ["checkout.ts:4: warning load/ignored-module: checkout.ts exports an SLO (defineSLO) but is outside slo/, rules/, dashboards/: lookout generate does not load it (hint: move it under slo/, or import it from a module there)"],
    ],
    ['a module a definition imports is not ignored', { 'alerts/extra.ts': GROUP, 'rules/all.ts': "import extra from '../alerts/extra.js';\nexport default [extra];\n" }, []],
    ['a helper that builds definitions without exporting one is left alone', { 'lib/groups.ts': HELPER }, []],
    ['test files and test folders are not definitions', { 'alerts/extra.test.ts': GROUP, 'test/fixtures/rules.ts': GROUP }, []],
    ['another project nested in this one is its own', { 'examples/shop/lookout.config.ts': "export default {};\n", 'examples/shop/alerts.ts': GROUP }, []],
    ['a file that mentions lookout without importing it is not a definition', { 'docs/example.ts': `// export default ruleGroup({ ... }) from 'lookout'\nexport const x = 1;\n` }, []],
  ])('%s', async (_name, extra, expected) => {
    expect(await warnings(extra)).toEqual(expected);
  });
});

describe('lookout generate with a definition module outside the definition folders', () => {
  let dir: string;
  let cacheDir: string;
  beforeAll(() => {
    dir = makeProject({ 'alerts/extra.ts': GROUP });
    cacheDir = mkdtempSync(path.join(os.tmpdir(), 'lookout-cache-'));
    vi.stubEnv('LOOKOUT_CACHE_DIR', cacheDir);
  });
  afterAll(() => {
    vi.unstubAllEnvs();
    removeProject(dir);
    rmSync(cacheDir, { recursive: true, force: true });
  });

  it('warns on every run, also when nothing changed and no stage runs', async () => {
    const first = await generate({ root: dir });
    expect(first.status).toBe('ok');
    expect(first.diagnostics.filter((d) => d.code === 'load/ignored-module').map((d) => d.file)).toEqual(['alerts/extra.ts']);
    const again = await generate({ root: dir });
    expect(again.upToDate).toBe(true);
    expect(again.diagnostics.filter((d) => d.code === 'load/ignored-module').map((d) => d.file)).toEqual(['alerts/extra.ts']);
  }, TIMEOUT.generate);
});
