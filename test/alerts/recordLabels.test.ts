import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/engine/compiler/analyze.js';
import { groupsYaml, ruleFile, ruleGroupsData } from '../../src/engine/compiler/emit/ruleFile.js';
import { generate } from '../../src/engine/compiler/generate.js';
import { PROMTOOL, runTool } from '../../src/engine/compiler/tools.js';
import { record, ruleGroup } from '../../src/library/index.js';
import { makeProject, removeProject } from '../compiler/project.js';
import { shopProject } from './shopProject.js';
import { TIMEOUT } from '../support/timeouts.js';

/**
 * A recording rule's labels are refused at generate exactly when promtool check rules refuses
 * them: each name goes through analyze and, written out as generate would write it, through
 * the real promtool.
 */
const NAMES = ['tier', '_tier', '__tier', 'alertname', 'severity', 'le', '1x', 'a-b', 'é', '__name__'];

function withLabel(name: string) {
  const group = ruleGroup({ name: 'shop', rules: [record({ name: 'job:shop_requests:rate5m', expr: 'sum by (job) (rate(shop_requests_total[5m]))', labels: { [name]: 'y' } })] });
  return { loaded: shopProject(group), group };
}

function refusals(name: string) {
  return analyze(withLabel(name).loaded)
    .diagnostics.filter((d) => d.code === 'rule/record-labels')
    .map((d) => [d.path, d.message]);
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'lookout-record-labels-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const promtoolAccepts = new Map<string, boolean>();
beforeAll(async () => {
  await Promise.all(
    NAMES.map(async (name, i) => {
      const { loaded, group } = withLabel(name);
      writeFileSync(path.join(dir, `${i}.rules.yml`), ruleFile(groupsYaml(ruleGroupsData([group], loaded.project)), 'rules/shop.ts'));
      const run = await runTool(PROMTOOL, ['check', 'rules', `${i}.rules.yml`], dir);
      expect(run.missing).toBe(false);
      promtoolAccepts.set(name, run.ok);
    }),
  );
}, TIMEOUT.tools);

describe('recording rule labels', () => {
  it.each(NAMES)('%s: refused by lookout exactly when promtool refuses it', (name) => {
    expect(refusals(name).length === 0).toBe(promtoolAccepts.get(name));
  });

  it('names the label and says why', () => {
    expect(refusals('1x')).toEqual([['job:shop_requests:rate5m.labels.1x', '"1x" is not a valid label name']]);
    expect(refusals('__name__')).toEqual([['job:shop_requests:rate5m.labels.__name__', 'a recording rule cannot set __name__: the name it records under is `name`']]);
  });

  it('points at the label in the definition, and leaves generated/ unwritten', async () => {
    const source = [
      "import { record, ruleGroup } from 'lookout';",
      '',
      'export default ruleGroup({',
      "  name: 'shop',",
      '  rules: [',
      '    record({',
      "      name: 'job:shop_requests:rate5m',",
      "      expr: 'sum by (job) (rate(shop_requests_total[5m]))',",
      "      labels: { tier: 'gold', '1x': 'y' },",
      '    }),',
      '  ],',
      '});',
      '',
    ].join('\n');
    const project = makeProject({ 'rules/shop.ts': source });
    try {
      const result = await generate({ root: project });
      expect(result.status).toBe('errors');
      expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([
        expect.objectContaining({ code: 'rule/record-labels', file: 'rules/shop.ts', line: 9, column: source.split('\n')[8]!.indexOf("'y'") + 1 }),
      ]);
      expect(existsSync(path.join(project, 'generated'))).toBe(false);
    } finally {
      removeProject(project);
    }
  }, TIMEOUT.generate);
});
