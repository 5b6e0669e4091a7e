import { afterEach, describe, expect, it } from 'vitest';
import { removeProject } from './project.js';
import { TIMEOUT } from '../support/timeouts.js';
import { brokenProject, errorLines, generateIn } from '../isolation/project.js';

const config = (catalogs: string, exportLine = 'export default defineProject({') =>
  `import { defineProject } from 'lookout';\nimport { shop } from './metrics.js';\n\n${exportLine} name: 'shop', catalogs: ${catalogs}, scrapeInterval: '15s', evaluationInterval: '1m', retention: '35d' });\n`;

/**
 * Objects that look like definitions but were not made by lookout's builders (written by hand,
 * in JavaScript, with `as never`) carry no call site. Each problem in them is still reported
 * once, at a line: the export that holds the object, or the config's call that lists it.
 * `at` is where every error of the case is; `errors` how many there are.
 */
const CASES: Array<{ name: string; files: Record<string, string>; at: string; errors: number; message?: RegExp }> = [
  {
    name: 'a rule group and its rule written by hand are reported at their `export default`',
    files: { 'rules/fake.ts': "// made by hand, not with ruleGroup()\n\nexport default { kind: 'rule-group', name: 'fake', rules: [{ kind: 'alert' }] };\n" },
    at: 'rules/fake.ts:3:1',
    errors: 8,
  },
  {
    name: 'an SLO written by hand is reported at its `export const`, named readably',
    files: { 'slo/fake.ts': "export const unrelated = 1;\n\nexport const availability = { kind: 'slo', id: 'x' };\n" },
    at: 'slo/fake.ts:3:1',
    errors: 9,
    message: /error definition\/invalid: slo\.\w+: /,
  },
  {
    name: 'a dashboard written by hand is reported at its name in `export { ... }`',
    files: { 'dashboards/fake.ts': "const board = { kind: 'dashboard' };\n\nexport { board };\n" },
    at: 'dashboards/fake.ts:3:10',
    errors: 4,
  },
  {
    name: 'a routing written by hand is reported at its `export default`',
    files: { 'rules/fake-routing.ts': "\nexport default { kind: 'routing', receivers: 1, route: null };\n" },
    at: 'rules/fake-routing.ts:2:1',
    errors: 8,
  },
  {
    name: 'a rule group in a CommonJS-style module is reported at `module.exports`',
    files: { 'rules/plain.ts': '// written as CommonJS\nmodule.exports = { kind: "rule-group" };\n' },
    at: 'rules/plain.ts:2:1',
    errors: 2,
  },
  {
    name: 'an alert exported outside a group is reported at its own alert() call',
    files: {
      'rules/loose.ts': "import { alert } from 'lookout';\n\nexport default alert({ name: 'Loose', expr: 'vector(1)', severity: 'info', summary: 'Loose.', description: 'x' });\n",
    },
    at: 'rules/loose.ts:3:16',
    errors: 1,
    message: /load\/loose-rule: default: export "default" is a rule outside any group/,
  },
  {
    name: "a definition a helper module built is reported in the helper, at the builder's call",
    files: {
      'lib/groups.ts': "import { ruleGroup } from 'lookout';\n\nexport const emptyGroup = (interval: string) =>\n  ruleGroup({ name: 'made', interval: interval as never, rules: [] });\n",
      'rules/made.ts': "import { emptyGroup } from '../lib/groups.js';\n\nexport default emptyGroup('1.5m');\n",
    },
    at: 'lib/groups.ts:4:3',
    errors: 1,
    message: /made\.interval: not a Prometheus duration/,
  },
  {
    name: 'a null catalog is one error at the config, not a crash',
    files: { 'lookout.config.ts': config('[null as never]') },
    at: 'lookout.config.ts:4:16',
    errors: 1,
    message: /project\.catalogs\.0: catalogs must be made with defineMetrics\(\)/,
  },
  {
    name: 'a catalog written by hand in the config is reported once per problem, at the config',
    files: { 'lookout.config.ts': config('[{ kind: "catalog" } as never]') },
    at: 'lookout.config.ts:4:16',
    errors: 2,
    message: /project\.catalogs\.0\.(job|metrics): /,
  },
  {
    name: 'a config that exports its project under a name is reported at that export',
    files: { 'lookout.config.ts': config('[shop]', 'export const project = defineProject({') },
    at: 'lookout.config.ts:4:1',
    errors: 1,
    message: /load\/config: project: lookout\.config\.ts exports its project as "project", not as the default export/,
  },
  {
    name: 'a config whose default export is a promise is reported at that export',
    files: { 'lookout.config.ts': config('[shop]', 'export default Promise.resolve().then(() => defineProject({').replace(' });\n', ' }));\n') },
    at: 'lookout.config.ts:4:1',
    errors: 1,
    message: /load\/config: default: the default export of lookout\.config\.ts is a Promise, not a project/,
  },
  {
    name: 'a config without a default export is reported at its first line',
    files: { 'lookout.config.ts': "import { defineProject } from 'lookout';\n\nexport const unused = defineProject;\n" },
    at: 'lookout.config.ts:1:1',
    errors: 1,
    message: /load\/config: default: lookout\.config\.ts has no default export/,
  },
  {
    name: 'a project written by hand is reported at its `export default`',
    files: { 'lookout.config.ts': "import { shop } from './metrics.js';\n\nexport default { kind: 'project', name: 'shop', catalogs: [shop] };\n" },
    at: 'lookout.config.ts:3:1',
    errors: 11,
  },
];

describe('definitions lookout did not make', () => {
  let dir: string | undefined;
  afterEach(() => dir && removeProject(dir));

  it.each(CASES)('$name', async ({ files, at, errors: count, message }) => {
    dir = brokenProject(files);
    const run = await generateIn(dir);
    expect(run.exitCode).toBe(1);
    const errors = errorLines(run);
    expect(errors, run.stderr).toHaveLength(count);
    for (const e of errors) {
      expect(e).toContain(`${at}: error `);
      expect(e).not.toContain('undefined/');
      expect(e).not.toContain('catalog undefined');
      if (message) expect(e).toMatch(message);
    }
    expect(run.untouched).toBe(true);
  }, TIMEOUT.generate);
});
