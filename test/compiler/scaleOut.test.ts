import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { PROMTOOL, runTool } from '../../src/compiler/tools.js';

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
