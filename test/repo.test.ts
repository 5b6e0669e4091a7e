import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { generate } from '../src/compiler/generate.js';

const ROOT = path.resolve(import.meta.dirname, '..');

describe("the repository's own definitions", () => {
  it('generate cleanly, without a single warning, and match generated/', async () => {
    const result = await generate({ root: ROOT, check: true });
    expect(result.diagnostics).toEqual([]);
    expect(result.status).toBe('ok');
  });

  it('give every alert in rules/ a generated test that fires and one that stays quiet', async () => {
    const result = await generate({ root: ROOT, check: true });
    const rules = [...result.artifacts!.entries()].filter(([f]) => f.startsWith('prometheus/rules/'));
    const alerts = rules.flatMap(([, text]) => (parse(text).groups as { rules: { alert?: string }[] }[]).flatMap((g) => g.rules.flatMap((r) => (r.alert ? [r.alert] : []))));
    expect(alerts.length).toBeGreaterThanOrEqual(5);
    const tests = [...result.artifacts!.entries()].filter(([f]) => f.startsWith('prometheus/tests/')).flatMap(([, text]) => parse(text).tests as { name: string }[]);
    for (const alert of alerts) {
      expect(tests.some((t) => t.name.startsWith(`${alert} fires at `)), `${alert} fires`).toBe(true);
      expect(tests.some((t) => t.name.startsWith(`${alert} stays quiet when `)), `${alert} stays quiet`).toBe(true);
    }
    expect(readFileSync(path.join(ROOT, 'generated/prometheus/rules/gateway-reliability.rules.yml'), 'utf8')).toContain('alert: GatewayHighErrorRate');
  });
});
