import { afterEach, describe, expect, it } from 'vitest';
import { removeProject } from '../compiler/project.js';
import { TIMEOUT } from '../support/timeouts.js';
import { brokenProject, errorLines, generateIn, GOOD_RULES } from './project.js';

/**
 * What a definition throws, or does to the process, while it is imported (or a template while
 * it is rendered): each becomes one
 * diagnostic at its source (file and line), the run exits 1, generated/ stays as it was.
 */
const CASES: Array<{ name: string; files: Record<string, string>; code: string; at: string; message?: RegExp }> = [
  {
    name: 'a string thrown by a definition module is placed at its throw',
    files: { 'rules/bad.ts': "export const x = 1;\nthrow 'string';\n" },
    code: 'load/module',
    at: 'rules/bad.ts:2:1',
    message: /"string" \(a string thrown, not an Error\)/,
  },
  {
    name: 'a string thrown inside a function, with more on its line, is placed at its throw, once, though another module imported it first',
    files: {
      'dashboards/uses.ts': "import { x } from '../rules/bad.js';\nexport const y = x;\n",
      'rules/bad.ts': "const describe = (): string => { throw 'no description'; };\nexport const x = describe();\n",
    },
    code: 'load/module',
    at: 'rules/bad.ts:1:34',
    message: /"no description" \(a string thrown, not an Error\)/,
  },
  {
    name: 'undefined thrown by the config is placed at its throw',
    files: { 'lookout.config.ts': "import { defineProject } from 'lookout';\nimport { shop } from './metrics.js';\n\nthrow undefined;\nexport default defineProject({ name: 'shop', catalogs: [shop] });\n" },
    code: 'load/module',
    at: 'lookout.config.ts:4:1',
    message: /undefined \(undefined thrown, not an Error\)/,
  },
  {
    name: 'a catalog that throws is blamed, not the config that imports it',
    files: {
      'extra.ts': "export const suffix = '-x';\nthrow new Error('catalog broke');\n",
      'lookout.config.ts': "import { defineProject } from 'lookout';\nimport { shop } from './metrics.js';\nimport { suffix } from './extra.js';\n\nexport default defineProject({ name: 'shop' + suffix, catalogs: [shop] });\n",
    },
    code: 'load/module',
    at: 'extra.ts:2:7',
    message: /catalog broke/,
  },
  {
    name: 'a circular import is blamed once, on the module whose line reads too early',
    files: {
      'rules/a.ts': "import { b } from './b.js';\nexport const a: number = b + 1;\n",
      'rules/b.ts': "import { a } from './a.js';\nexport const b: number = a + 1;\n",
      'rules/c.ts': "import { a } from './a.js';\nexport const c: number = a;\n",
    },
    code: 'load/module',
    at: 'rules/b.ts:2:26',
    message: /Cannot access 'a' before initialization/,
  },
  {
    name: 'a module that throws is reported once, not again on each module importing it',
    files: {
      'rules/shared.ts': "export const s = 1;\nthrow new Error('shared broke');\n",
      'rules/u1.ts': "import { s } from './shared.js';\nexport const u1 = s;\n",
      'rules/u2.ts': "import { s } from './shared.js';\nexport const u2 = s;\n",
    },
    code: 'load/module',
    at: 'rules/shared.ts:2:7',
    message: /shared broke/,
  },
  {
    name: 'an error thrown from a timer is placed where it was thrown',
    files: { 'rules/bad.ts': "setTimeout(() => {\n  throw new Error('late');\n});\nexport const x = 1;\n" },
    code: 'load/async-throw',
    at: 'rules/bad.ts:2:9',
    message: /late/,
  },
  {
    name: 'a rejected promise nobody awaits is placed where it was made',
    files: { 'rules/bad.ts': "export const x = 1;\nvoid Promise.reject(new Error('nobody waits'));\n" },
    code: 'load/async-throw',
    at: 'rules/bad.ts:2:21',
    message: /a promise was rejected and nothing awaited it: nobody waits/,
  },
  {
    name: 'a top-level await that never settles is placed at the await',
    files: { 'rules/bad.ts': 'export const x = 1;\nawait new Promise(() => {});\n' },
    code: 'load/unsettled',
    at: 'rules/bad.ts:2:1',
  },
  {
    name: 'a top-level await that never settles in a helper the config imports is placed in the helper',
    files: {
      'helper.ts': "export const suffix = '';\nexport const ready: boolean = await new Promise<boolean>(() => {});\n",
      'lookout.config.ts': "import { defineProject } from 'lookout';\nimport { shop } from './metrics.js';\nimport { suffix } from './helper.js';\n\nexport default defineProject({ name: 'shop' + suffix, catalogs: [shop] });\n",
    },
    code: 'load/unsettled',
    at: 'helper.ts:2:31',
    message: /importing the module lookout\.config\.ts never finished/,
  },
  {
    name: 'process.exit(0) in a rules module is an error at its call, not a silent success',
    files: { 'rules/bad.ts': "export const x = 1;\nif (x) process.exit(0);\n", 'rules/shop.ts': GOOD_RULES },
    code: 'load/exit',
    at: 'rules/bad.ts:2:16',
    message: /process\.exit\(0\) was called while importing the module/,
  },
  {
    name: 'a signal to lookout\'s own process is an error at its call, not the end of generate',
    files: { 'rules/bad.ts': "export const x = 1;\nprocess.kill(process.pid, 'SIGTERM');\n" },
    code: 'load/exit',
    at: 'rules/bad.ts:2:9',
    message: /process\.kill\(process\.pid, "SIGTERM"\) was called while importing the module/,
  },
  {
    name: 'process.abort() is an error at its call',
    files: { 'rules/bad.ts': "export const x = 1;\nif (x) process.abort();\n" },
    code: 'load/exit',
    at: 'rules/bad.ts:2:16',
    message: /process\.abort\(\) was called/,
  },
  {
    name: 'a module that pollutes Object.prototype is an error at its line, not a crash of the compiler',
    files: { 'rules/bad.ts': "export const x = 1;\n\n(Object.prototype as Record<string, unknown>).values = 'mine';\n" },
    code: 'load/builtin-changed',
    at: 'rules/bad.ts:3:1',
    message: /Object\.prototype\.values was added/,
  },
  {
    name: 'a builtin patched by a helper the config imports is placed in the helper',
    files: {
      'polyfill.ts': "export const on = true;\nArray.prototype.map = function () {\n  return [];\n};\n",
      'lookout.config.ts': "import { defineProject } from 'lookout';\nimport { shop } from './metrics.js';\nimport { on } from './polyfill.js';\n\nexport default defineProject({ name: on ? 'shop' : 'x', catalogs: [shop] });\n",
    },
    code: 'load/builtin-changed',
    at: 'polyfill.ts:2:1',
    message: /Array\.prototype\.map was replaced/,
  },
  {
    name: 'a runbook partial that includes itself is stopped, at its line',
    files: { 'runbooks/partials/loop.hbs': 'Again:\n{{> loop}}\n', 'runbooks/layout.hbs': '# {{alert.name}}\n\n{{> loop}}\n' },
    code: 'runbook/template',
    at: 'runbooks/partials/loop.hbs:2:1',
    message: /partial "loop" includes itself/,
  },
];

describe('a definition that fails while it is loaded or compiled', () => {
  let dir: string | undefined;
  afterEach(() => dir && removeProject(dir));

  it.each(CASES)('$name', async ({ files, code, at, message }) => {
    dir = brokenProject(files);
    const run = await generateIn(dir);
    expect(run.exitCode).toBe(1);
    const errors = errorLines(run);
    expect(errors, run.stderr).toHaveLength(1);
    expect(errors[0]).toContain(`${at}: error ${code}: `);
    if (message) expect(errors[0]).toMatch(message);
    expect(run.untouched).toBe(true);
  }, TIMEOUT.generate);
});
