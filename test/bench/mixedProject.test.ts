import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../src/engine/compiler/generate.js';
import { OWN_CHANNEL_TEAM, writeMixedProject } from '../../scripts/bench/generate/mixedProject.js';

// Behaviour only: the generate benchmark's synthetic project is one lookout accepts without a
// warning (a warning would be printed on every timed run) and it has route cases to validate.

describe('writeMixedProject', () => {
  let dir: string;
  let result: Awaited<ReturnType<typeof generate>>;

  beforeAll(async () => {
    dir = writeMixedProject({ slos: 2, alerts: 6 });
    result = await generate({ root: dir });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is a project lookout generate accepts without a diagnostic', () => {
    expect(result.diagnostics).toEqual([]);
    expect(result.status).toBe('ok');
  });

  it('holds the SLOs and the alerts apart, in services of their own', () => {
    const files = [...result.artifacts!.keys()];
    expect(files).toContain('prometheus/rules/slo-svc00-r0-success.rules.yml');
    expect(files).toContain('prometheus/rules/alr00-g00.rules.yml');
    expect(files.filter((f) => f.startsWith('prometheus/tests/'))).toHaveLength(2 * 2 + 1);
  });

  it('routes every alert: a route case for each, and the team with its own channel reaches it', () => {
    const cases = (parse(readFileSync(path.join(dir, 'generated/alertmanager/routes.test.yml'), 'utf8')) as { tests: { labels: Record<string, string>; receivers: string[] }[] }).tests;
    expect(cases.filter((c) => c.labels.alertname?.startsWith('Alr00'))).toHaveLength(6);
    const own = cases.filter((c) => c.labels.team === OWN_CHANNEL_TEAM);
    expect(own.length).toBeGreaterThan(0);
    for (const c of own) expect(c.receivers).toContain(`${OWN_CHANNEL_TEAM}-slack`);
  });
});
