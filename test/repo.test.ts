import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { readGenerated } from './support/generated.js';

const ROOT = path.resolve(import.meta.dirname, '..');

// That the definitions generate cleanly, without a single warning, and match generated/ is
// `npm test`'s `lookout generate --check` step (test/npmTest.ts); these read what it checked.
describe("the repository's own definitions", () => {
  const artifacts = readGenerated(ROOT);

  it('give every alert in rules/ a generated test that fires and one that stays quiet', () => {
    const rules = [...artifacts.entries()].filter(([f]) => f.startsWith('prometheus/rules/') && !f.startsWith('prometheus/rules/slo-'));
    const alerts = rules.flatMap(([, text]) => (parse(text).groups as { rules: { alert?: string }[] }[]).flatMap((g) => g.rules.flatMap((r) => (r.alert ? [r.alert] : []))));
    expect(alerts.length).toBeGreaterThanOrEqual(5);
    const tests = [...artifacts.entries()].filter(([f]) => f.startsWith('prometheus/tests/')).flatMap(([, text]) => parse(text).tests as { name: string }[]);
    for (const alert of alerts) {
      expect(tests.some((t) => t.name.startsWith(`${alert} fires at `)), `${alert} fires`).toBe(true);
      expect(tests.some((t) => t.name.startsWith(`${alert} stays quiet when `)), `${alert} stays quiet`).toBe(true);
    }
    expect(readFileSync(path.join(ROOT, 'generated/prometheus/rules/gateway-reliability.rules.yml'), 'utf8')).toContain('alert: GatewayHighErrorRate');
  });

  it('give every SLO an outage test, a just-above test per tier and a just-below test', () => {
    const files = [...artifacts.entries()];
    const sloRules = files.filter(([f]) => f.startsWith('prometheus/rules/slo-'));
    expect(sloRules.length).toBe(8);
    const tests = files.filter(([f]) => f.startsWith('prometheus/tests/slo-')).flatMap(([, text]) => parse(text).tests as { name: string }[]);
    for (const [file, text] of sloRules) {
      const alerts = (parse(text).groups as { rules: { alert?: string; labels?: Record<string, string> }[] }[]).flatMap((g) => g.rules.filter((r) => r.alert));
      expect(alerts.length, file).toBe(4);
      const name = alerts[0]!.alert!;
      const mine = tests.filter((t) => t.name.startsWith(`${name} (`));
      expect(mine.some((t) => t.name.includes('a full outage')), `${name} outage`).toBe(true);
      expect(mine.some((t) => t.name.includes("just below the slowest tier's")), `${name} below`).toBe(true);
      for (const a of alerts) expect(mine.some((t) => t.name.includes(`just above tier ${a.labels!.tier}'s`)), `${name} tier ${a.labels!.tier}`).toBe(true);
    }
  });
});
