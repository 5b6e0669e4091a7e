import { describe, expect, it } from 'vitest';
import { nthRequest, weightedCycle } from '../../src/loadtest/traffic.js';
import type { Traffic } from '../../src/loadtest/scenario.js';
import { SCENARIOS } from '../../src/loadtest/scenarios/index.js';

const traffic: Traffic = { ratePerSecond: 10, streamingShare: 0.25, teams: { search: 2, finance: 1 }, models: { 'gpt-4o': 1, 'claude-sonnet': 1 } };

describe('the traffic mix', () => {
  it('cycles through weighted entries in proportion to their weights', () => {
    const next = weightedCycle({ a: 3, b: 1 });
    expect(Array.from({ length: 8 }, (_, n) => next(n))).toEqual(['a', 'a', 'a', 'b', 'a', 'a', 'a', 'b']);
  });

  it('alternates replicas and streams exactly the share asked for, spread over the run', () => {
    const requests = Array.from({ length: 400 }, (_, n) => nthRequest(traffic, n, 2));
    expect(requests.filter((r) => r.replica === 0)).toHaveLength(200);
    expect(requests.filter((r) => r.stream)).toHaveLength(100);
    expect(requests.slice(0, 8).map((r) => r.stream)).toEqual([false, false, false, true, false, false, false, true]);
  });

  it('sends every team every model on both replicas', () => {
    const seen = new Set(Array.from({ length: 48 }, (_, n) => nthRequest(traffic, n, 2)).map((r) => `${r.replica} ${r.team} ${r.model}`));
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

  it('inject every fault before traffic ends', () => {
    for (const s of SCENARIOS.values()) for (const p of s.phases) expect(p.atMs, `${s.name}: ${p.label}`).toBeLessThan(s.durationMs);
  });
});
