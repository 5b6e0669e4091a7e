import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { gateway } from '../../src/integrations/gateway/metrics.js';
import { ANY_ALERT } from '../../src/integrations/loadtest/scenario.js';
import { requestMix, weightedCycle } from '../../src/integrations/loadtest/traffic.js';
import type { Traffic } from '../../src/integrations/loadtest/scenario.js';
import { SCENARIOS } from '../../src/integrations/loadtest/scenarios/index.js';

const traffic: Traffic = { ratePerSecond: 10, streamingShare: 0.25, teams: { search: 2, finance: 1 }, models: { 'gpt-4o': 1, 'claude-sonnet': 1 } };

describe('the traffic mix', () => {
  it('cycles through weighted entries in proportion to their weights', () => {
    const next = weightedCycle({ a: 3, b: 1 });
    expect(Array.from({ length: 8 }, (_, n) => next(n))).toEqual(['a', 'a', 'a', 'b', 'a', 'a', 'a', 'b']);
  });

  it('alternates replicas and streams exactly the share asked for, spread over the run', () => {
    const requests = Array.from({ length: 400 }, (_, n) => n).map(requestMix(traffic, 2));
    expect(requests.filter((r) => r.replica === 0)).toHaveLength(200);
    expect(requests.filter((r) => r.stream)).toHaveLength(100);
    expect(requests.slice(0, 8).map((r) => r.stream)).toEqual([false, false, false, true, false, false, false, true]);
  });

  it('sends every team every model on both replicas', () => {
    const seen = new Set(Array.from({ length: 48 }, (_, n) => n).map(requestMix(traffic, 2)).map((r) => `${r.replica} ${r.team} ${r.model}`));
    expect(seen.size).toBe(2 * 2 * 2);
  });
});

describe('the shipped scenarios', () => {
  it('time every fires demand from a phase the scenario has', () => {
    for (const s of SCENARIOS.values()) {
      const labels = new Set(['start', ...s.phases.map((p) => p.label)]);
      for (const e of s.expectations) if (e.kind === 'fires') expect(labels, `${s.name}: ${e.alertname} after "${e.after}"`).toContain(e.after);
    }
  });

  it('name only alerts the generated rules define, with labels they can carry, and receivers the generated routing has', () => {
    const generated = path.resolve(import.meta.dirname, '../../generated');
    const rulesDir = path.join(generated, 'prometheus', 'rules');
    const rules = readdirSync(rulesDir).flatMap(
      (file) => (parse(readFileSync(path.join(rulesDir, file), 'utf8')) as { groups: Array<{ rules: Array<{ alert?: string; record?: string; expr: string; labels?: Record<string, string> }> }> }).groups.flatMap((g) => g.rules),
    );
    const recorded = new Map(rules.filter((r) => r.record).map((r) => [r.record!, r.expr]));
    // The labels an alert can carry: its own, the scrape's, every word of its expression (by, on, matchers),
    // and those of the catalog metrics it reads, directly or through a recording rule. Generous, but a typo fails.
    const labelsOf = (expr: string, into: Set<string>) => {
      for (const word of expr.match(/[a-z_]+/g) ?? []) into.add(word);
      for (const m of Object.values(gateway.metrics)) if (expr.includes(m.info.name)) for (const k of Object.keys(m.info.labels)) into.add(k);
      for (const [record, body] of recorded) if (expr.includes(record) && body !== expr) labelsOf(body, into);
    };
    const alerts = new Map<string, Set<string>>();
    for (const rule of rules) {
      if (!rule.alert) continue;
      const labels = alerts.get(rule.alert) ?? new Set<string>(['job', 'instance']);
      for (const k of Object.keys(rule.labels ?? {})) labels.add(k);
      labelsOf(rule.expr, labels);
      alerts.set(rule.alert, labels);
    }
    const am = parse(readFileSync(path.join(generated, 'alertmanager', 'alertmanager.yml'), 'utf8')) as { receivers: Array<{ name: string }> };
    const receivers = new Set(am.receivers.map((r) => r.name));
    for (const s of SCENARIOS.values()) {
      for (const e of s.expectations) {
        const where = `${s.name}: ${e.alertname}`;
        if (e.alertname !== ANY_ALERT) expect(alerts.has(e.alertname), `${where} is not a shipped alert`).toBe(true);
        for (const k of Object.keys(e.labels ?? {})) {
          if (e.alertname === ANY_ALERT) expect(['severity', 'team'], where).toContain(k);
          else expect(alerts.get(e.alertname), `${where}: label ${k}`).toContain(k);
        }
        if (e.kind === 'fires') expect(receivers, where).toContain(e.receiver);
      }
    }
  });

  it('inject every fault before traffic ends', () => {
    for (const s of SCENARIOS.values()) for (const p of s.phases) expect(p.atMs, `${s.name}: ${p.label}`).toBeLessThan(s.durationMs);
  });
});
