import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/engine/compiler/analyze.js';
import { groupsYaml, ruleFile, ruleGroupsData } from '../../src/engine/compiler/emit/ruleFile.js';
import { PROMTOOL, runTool } from '../../src/engine/compiler/tools.js';
import { alert, ruleGroup } from '../../src/library/index.js';
import { rate, sum } from '../../src/library/promql.js';
import { shop } from '../fixtures/mini/metrics.js';
import { shopProject } from './shopProject.js';

/**
 * Rule fields promtool check rules refuses are refused at generate: each failing case is also
 * written out as generate would write it, check ignored, and the real promtool must refuse it.
 */
function withAnnotation(name: string) {
  const group = ruleGroup({
    name: 'shop',
    rules: [
      alert({
        name: 'ShopTrafficHigh',
        expr: sum(rate(shop.metrics.requests, '5m')).gt(100),
        for: '5m',
        severity: 'ticket',
        summary: 'Traffic is high.',
        description: 'Traffic is high.',
        dashboard: 'shop',
        labels: { team: 'shop' },
        annotations: { [name]: 'https://wiki.example.com/shop' },
      }),
    ],
  });
  return { loaded: shopProject(group), group };
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'lookout-promtool-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function promtoolAccepts(name: string) {
  const { loaded, group } = withAnnotation(name);
  const file = path.join(dir, `${name.replace(/\W/g, '_')}.rules.yml`);
  writeFileSync(file, ruleFile(groupsYaml(ruleGroupsData([group], loaded.project)), 'rules/shop.ts'));
  return runTool(PROMTOOL, ['check', 'rules', path.basename(file)], dir);
}

function codes(name: string) {
  return analyze(withAnnotation(name).loaded).diagnostics.filter((d) => d.code === 'alert/annotation-name').map((d) => [d.path, d.message]);
}

describe('annotation names promtool refuses', () => {
  it('accepts runbook_link, as promtool does', async () => {
    expect(codes('runbook_link')).toEqual([]);
    const run = await promtoolAccepts('runbook_link');
    expect(run.ok, run.output).toBe(true);
  });

  it('refuses runbook-link, as promtool does', async () => {
    expect(codes('runbook-link')).toEqual([['ShopTrafficHigh.annotations.runbook-link', '"runbook-link" is not a valid annotation name']]);
    const run = await promtoolAccepts('runbook-link');
    expect(run.ok).toBe(false);
  });
});
