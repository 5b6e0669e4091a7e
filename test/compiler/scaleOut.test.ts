import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { PROMTOOL, runTool } from '../../src/engine/compiler/tools.js';
import { groupsYaml, ruleFile } from '../../src/engine/compiler/emit/ruleFile.js';
import { mimirRuleFile, prometheusRuleResource } from '../../src/engine/compiler/emit/scaleOut.js';
import { generatedHeader, toYaml } from '../../src/engine/compiler/emit/yaml.js';
import type { Project } from '../../src/library/project.js';

const GENERATED = path.resolve(import.meta.dirname, '../../generated');
const slugs = readdirSync(path.join(GENERATED, 'prometheus/rules')).map((f) => f.replace(/\.rules\.yml$/, ''));
const read = (rel: string) => parse(readFileSync(path.join(GENERATED, rel), 'utf8')) as Record<string, unknown>;

describe('outputs for the Prometheus Operator and Mimir carry the same rules', () => {
  it('one PrometheusRule and one Mimir namespace per rule file, with its groups unchanged', () => {
    expect(readdirSync(path.join(GENERATED, 'kubernetes/prometheusrules')).sort()).toEqual(slugs.map((s) => `${s}.yaml`).sort());
    expect(readdirSync(path.join(GENERATED, 'mimir/rules')).sort()).toEqual(slugs.map((s) => `${s}.yml`).sort());
    for (const slug of slugs) {
      const { groups } = read(`prometheus/rules/${slug}.rules.yml`);
      const resource = read(`kubernetes/prometheusrules/${slug}.yaml`) as { apiVersion: string; kind: string; metadata: { name: string; labels: Record<string, string> }; spec: { groups: unknown } };
      expect(resource).toMatchObject({ apiVersion: 'monitoring.coreos.com/v1', kind: 'PrometheusRule', metadata: { name: slug, labels: { 'app.kubernetes.io/managed-by': 'lookout' } } });
      expect(resource.metadata.name).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
      expect(resource.spec.groups).toEqual(groups);
      expect(read(`mimir/rules/${slug}.yml`)).toEqual({ namespace: slug, groups });
    }
  });

  it('the groups inside both pass promtool check rules', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lookout-scaleout-'));
    try {
      const files = slugs.flatMap((slug) => {
        const operator = path.join(dir, `${slug}.operator.yml`);
        writeFileSync(operator, stringify({ groups: (read(`kubernetes/prometheusrules/${slug}.yaml`) as { spec: { groups: unknown } }).spec.groups }));
        const mimir = path.join(dir, `${slug}.mimir.yml`);
        writeFileSync(mimir, stringify({ groups: read(`mimir/rules/${slug}.yml`).groups }));
        return [operator, mimir];
      });
      const run = await runTool(PROMTOOL, ['check', 'rules', ...files], dir);
      expect(run.output).not.toContain('FAILED');
      expect(run.ok).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the groups serialized once and placed in all three files', () => {
  // Text YAML writes in every way it can: block scalars with blank lines, leading spaces
  // (an indentation indicator), trailing spaces, quotes, line separators, a number-like slug.
  const awkward = [
    {
      name: '123',
      interval: '30s',
      rules: [
        { alert: 'A', expr: 'up == 0\n\nor\n  vector(1)', annotations: { description: '  indented first line\n\nthen blank above\ntrailing  ', summary: 'say "hi" #not-a-comment' } },
        { record: 'x:y', expr: 'sum(rate(x[5m]))', labels: { sep: 'a\u2028b', empty: '' } },
      ],
    },
  ];
  const project = { name: 'p', prometheusRuleLabels: { role: 'alert-rules' } } as unknown as Project;

  it('writes the same bytes as serializing each file whole', () => {
    const yaml = groupsYaml(awkward);
    expect(ruleFile(yaml, 'rules/x.ts')).toBe(generatedHeader('rules/x.ts') + toYaml({ groups: awkward }));
    expect(mimirRuleFile('123', yaml, 'rules/x.ts')).toBe(generatedHeader('rules/x.ts') + toYaml({ namespace: '123', groups: awkward }));
    const whole = {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'PrometheusRule',
      metadata: { name: '123', labels: { 'app.kubernetes.io/managed-by': 'lookout', 'app.kubernetes.io/part-of': 'p', role: 'alert-rules' } },
      spec: { groups: awkward },
    };
    expect(prometheusRuleResource('123', yaml, 'rules/x.ts', project)).toBe(generatedHeader('rules/x.ts') + toYaml(whole));
  });
});
