import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { discover, ignoredDefinitionModules, missingConfig, type ProjectFiles } from '../../src/engine/compiler/discover.js';
import { FileSystemProblem } from '../../src/engine/compiler/fsProblem.js';
import { compileIsolated } from '../../src/engine/compiler/isolate/compileIsolated.js';
import { loadProject } from '../../src/engine/compiler/load.js';
import { validateShapes } from '../../src/engine/compiler/schema.js';
import { Timings } from '../../src/engine/compiler/timings.js';
import { ParsedSources, typecheck } from '../../src/engine/compiler/typecheck.js';
import { writeArtifacts } from '../../src/engine/compiler/write.js';
import type { Diagnostic } from '../../src/library/diagnostics/diagnostic.js';
import { makeProject, removeProject } from '../compiler/project.js';
import { GOOD_RULES } from '../isolation/project.js';
import { checkCases } from '../support/checkCases.js';
import { TIMEOUT_SCALE } from '../support/timeouts.js';

/**
 * One table per code the compiler reports outside the check registry: the type check, the
 * loading of the definitions, the writing of generated/. Each input is a project's files (over
 * the mini shop project, test/compiler/project.ts), run through the stage that reports the
 * code, the cheapest way generate itself runs it: the type check and the loader's stages in
 * this process, the stages that run the project's code on the compiler's own thread
 * (compileIsolated). A sound project is each table's passing case: it holds, module by module,
 * the near-miss of every broken case, which changes one line of it.
 */

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeProject));

/** One run per distinct input and stage: the sound project is every table's passing case. */
const runs = new Map<string, Promise<Diagnostic[]>>();
function once(stage: string, files: Files, run: (files: ProjectFiles) => Promise<Diagnostic[]>): Promise<Diagnostic[]> {
  const key = `${stage} ${JSON.stringify(files)}`;
  let found = runs.get(key);
  if (!found) runs.set(key, (found = discovered(files).then((f) => ('diagnostics' in f ? f.diagnostics : run(f)))));
  return found;
}
type Files = Record<string, string>;

async function discovered(files: Files): Promise<ProjectFiles | { diagnostics: Diagnostic[] }> {
  const dir = makeProject(files);
  dirs.push(dir);
  const found = await discover(dir);
  return 'missing' in found ? { diagnostics: [missingConfig(dir, found.missing)] } : found;
}

/** A rules module: its near-misses hold; each broken case below changes one of its lines. */
const SOUND_MODULE = `export const settled = await Promise.resolve(1);
setTimeout(() => undefined, 0);
export const counted = (() => { let i = 0; while (i < 3) i++; return i; })();
if (counted > 3) process.exit(3);
export const rounded = Math.round(2.5);
`;
const broken = (line: string, instead: string) => ({ ...SOUND, 'rules/sound.ts': SOUND_MODULE.replace(line, instead) });

/** The shop alert with a hand-written test at `at`. */
const rulesTestedAt = (at: string) =>
  GOOD_RULES.replace('import { alert,', 'import { alert, series,').replace(
    '      description:',
    `      tests: [{ name: 'queue', interval: '1m', series: [series(shop.metrics.queue, {}, '0+1x10')], expect: [{ at: '${at}', firing: [] }] }],\n      description:`,
  );

const SOUND: Files = { 'rules/shop.ts': rulesTestedAt('5m'), 'rules/sound.ts': SOUND_MODULE };

// ---------------------------------------------------------------- the type check

const sources = new ParsedSources();
/** The compiler's type check, every typescript/TS<n> code read as the one the registry lists. */
const typeCheck = (files: Files) =>
  once('typecheck', files, async (f) => typecheck(f, undefined, sources).diagnostics.map((d) => (d.code.startsWith('typescript/') ? { ...d, code: 'typescript/TS<n>' } : d)));

checkCases('typescript/TS<n>', {
  run: typeCheck,
  pass: [{ name: 'a module reading a catalog metric', input: { 'rules/read.ts': "import { shop } from '../metrics.js';\nexport const read = shop.metrics.requests;\n" } }],
  fail: [
    {
      name: 'a module reading a misspelt catalog metric',
      input: { 'rules/read.ts': "import { shop } from '../metrics.js';\nexport const read = shop.metrics.request;\n" },
      expect: { file: 'rules/read.ts', line: 2, message: "Property 'request' does not exist" },
    },
  ],
});

// ---------------------------------------------------------------- the loader, in this process

/** discover → definitions outside the definition folders → load → shapes, as generate's loading runs them. */
const load = (files: Files) =>
  once('load', files, async (f) => {
    const { loaded, diagnostics } = await loadProject(f);
    return [...(await ignoredDefinitionModules(f)), ...diagnostics, ...(loaded ? validateShapes(loaded) : [])];
  });

const LOADED: Files = {
  'rules/shop.ts': GOOD_RULES,
  'rules/helper.ts': "export const x = 1;\nif (x > 1) throw new Error('helper broke');\n",
  'slo/extra.ts': "import { alert, ruleGroup } from 'lookout';\n\nexport default ruleGroup({\n  name: 'extra',\n  rules: [alert({ name: 'ShopExtra', expr: 'vector(1) > 2', for: '5m', severity: 'ticket', summary: 'Extra.', description: 'Extra.' })],\n});\n",
};
const loadBroken = (file: string, text: string) => ({ ...LOADED, [file]: text });

describe('the loaded project', () => {
  it('loads without a diagnostic, so each broken case differs from it by its mistake alone', async () => {
    expect(await load(LOADED)).toEqual([]);
  });
});

checkCases('load/config', {
  run: load,
  pass: [{ name: 'a config exporting defineProject as default', input: LOADED }],
  fail: [
    {
      name: 'a config exporting it by name',
      input: loadBroken('lookout.config.ts', "import { defineProject } from 'lookout';\nimport { shop } from './metrics.js';\n\nexport const project = defineProject({ name: 'shop', catalogs: [shop] });\n"),
      expect: { file: 'lookout.config.ts' },
    },
  ],
});

checkCases('load/module', {
  run: load,
  pass: [{ name: 'a module whose throw does not run', input: LOADED }],
  fail: [{ name: 'a module that throws', input: loadBroken('rules/helper.ts', "export const x = 1;\nif (x > 0) throw new Error('helper broke');\n"), expect: { file: 'rules/helper.ts', line: 2, message: 'helper broke' } }],
});

checkCases('load/loose-rule', {
  run: load,
  pass: [{ name: 'an alert inside ruleGroup()', input: LOADED }],
  fail: [
    {
      name: 'an alert exported on its own',
      input: loadBroken('slo/extra.ts', "import { alert } from 'lookout';\n\nexport const extra = alert({ name: 'ShopExtra', expr: 'vector(1) > 2', for: '5m', severity: 'ticket', summary: 'Extra.', description: 'Extra.' });\n"),
      expect: { file: 'slo/extra.ts', path: 'extra' },
    },
  ],
});

checkCases('load/ignored-module', {
  run: load,
  pass: [{ name: 'a rule group under slo/', input: LOADED }],
  fail: [{ name: 'the same rule group under extra/, which nothing imports', input: { ...LOADED, 'slo/extra.ts': 'export {};\n', 'extra/rules.ts': LOADED['slo/extra.ts']! }, expect: { severity: 'warning', file: 'extra/rules.ts', line: 3 } }],
});

checkCases('definition/invalid', {
  run: load,
  pass: [{ name: "an alert held for '5m'", input: LOADED }],
  fail: [{ name: "an alert held for '1.5m'", input: loadBroken('slo/extra.ts', LOADED['slo/extra.ts']!.replace("for: '5m'", "for: '1.5m' as '5m'")), expect: { file: 'slo/extra.ts', line: 5, message: 'not a Prometheus duration' } }],
});

// ---------------------------------------------------------------- the project's code on the compiler's thread

/**
 * The time limit, for every case of this stage: long enough for the sound project's modules on a
 * busy machine (scaled like every deadline of the suite), far below the default 60 s, so the
 * sound project is one passing run shared by all these tables.
 */
const LIMIT_S = 2 * TIMEOUT_SCALE;

/** compileIsolated, as generate runs it (without the cache), under LIMIT_S. */
const isolated = (files: Files) =>
  once('isolated', files, async (f) => {
    vi.stubEnv('LOOKOUT_TIMEOUT', String(LIMIT_S));
    try {
      const { compiled } = await compileIsolated(f, undefined, { timings: new Timings(), originEpochMs: performance.timeOrigin + performance.now() }, new AbortController().signal);
      return compiled.diagnostics;
    } finally {
      vi.unstubAllEnvs();
    }
  });
const SOUND_CASE = [{ name: 'the sound project', input: SOUND }];

describe('the sound project', () => {
  it('compiles on the compiler\'s thread without a diagnostic, so each broken case differs from it by its mistake alone', async () => {
    expect(await isolated(SOUND)).toEqual([]);
  });
});

checkCases('load/timeout', {
  run: isolated,
  pass: SOUND_CASE,
  fail: [{ name: 'a loop that counts the wrong way', input: broken('while (i < 3) i++;', 'while (i < 3) i--;'), expect: { file: 'rules/sound.ts', line: 3, message: 'importing the module took longer than' } }],
});

checkCases('test/synthesis-timeout', {
  run: isolated,
  pass: SOUND_CASE,
  fail: [{ name: "a hand-written test at '99999d'", input: { ...SOUND, 'rules/shop.ts': rulesTestedAt('99999d') }, expect: { file: 'rules/shop.ts', line: 7, message: 'synthesizing the tests of alert ShopQueueDeep took longer than' } }],
});

checkCases('load/exit', {
  run: isolated,
  pass: SOUND_CASE,
  fail: [{ name: 'process.exit on a condition that holds', input: broken('if (counted > 3)', 'if (counted >= 3)'), expect: { file: 'rules/sound.ts', line: 4, message: 'process.exit(3) was called' } }],
});

checkCases('load/async-throw', {
  run: isolated,
  pass: SOUND_CASE,
  fail: [{ name: 'a timer that throws', input: broken('setTimeout(() => undefined, 0);', "setTimeout(() => { throw new Error('late'); }, 0);"), expect: { file: 'rules/sound.ts', line: 2, message: 'late' } }],
});

checkCases('load/unsettled', {
  run: isolated,
  pass: SOUND_CASE,
  fail: [{ name: 'a top-level await of a promise that never settles', input: broken('await Promise.resolve(1)', 'await new Promise<number>(() => undefined)'), expect: { file: 'rules/sound.ts', line: 1 } }],
});

checkCases('load/builtin-changed', {
  run: isolated,
  pass: SOUND_CASE,
  fail: [{ name: 'Math.round replaced', input: broken('Math.round(2.5)', '(Math.round = (x: number) => x)(2.5)'), expect: { file: 'rules/sound.ts', line: 5, message: 'Math' } }],
});

// ---------------------------------------------------------------- writing generated/

/**
 * Permissions do not bind root, and these tests may run as root (CI does): there the write runs
 * with the effective uid of `nobody`, as test/compiler/generatedStaysTrue.test.ts does.
 */
const NOBODY = 65534;
const isRoot = process.getuid?.() === 0;

/** The compiler's write of one artifact into the project's generated/, made read-only (mode 0o555) or not. */
async function write(mode: 'writable' | 'read-only'): Promise<Diagnostic[]> {
  const dir = makeProject({});
  dirs.push(dir);
  const out = path.join(dir, 'generated');
  mkdirSync(path.join(out, 'prometheus'), { recursive: true });
  writeFileSync(path.join(out, 'prometheus/old.yml'), 'old\n');
  for (const d of [dir, out, path.join(out, 'prometheus')]) chmodSync(d, mode === 'read-only' && d === out ? 0o555 : 0o777);
  if (isRoot) (process.setegid!(NOBODY), process.seteuid!(NOBODY));
  try {
    await writeArtifacts(out, new Map([['prometheus/new.yml', 'new\n']]));
    return [];
  } catch (e) {
    if (e instanceof FileSystemProblem) return [e.diagnostic];
    throw e;
  } finally {
    if (isRoot) (process.seteuid!(0), process.setegid!(0));
    chmodSync(out, 0o755);
  }
}

checkCases('write/permission', {
  run: write,
  pass: [{ name: 'a writable generated/', input: 'writable' }],
  fail: [{ name: 'a read-only generated/', input: 'read-only', expect: { file: 'generated', message: 'EACCES (permission denied) on generated' } }],
});
