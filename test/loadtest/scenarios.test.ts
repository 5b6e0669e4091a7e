import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ScenarioRun } from '../../src/integrations/loadtest/report/types.js';
import { runScenario } from '../../src/integrations/loadtest/run.js';
import type { Scenario } from '../../src/integrations/loadtest/scenario.js';
import { providerDown } from '../../src/integrations/loadtest/scenarios/providerDown.js';
import { TIMEOUT } from '../support/timeouts.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

/**
 * The smoke run of `npm test`: the provider-down scenario shortened to 55 s of traffic (the
 * fault at 12 s instead of 20 s; `npm run loadtest -- --scenario provider-down` runs it in
 * full, 115 s). Two gateway processes, the mocks, a real Prometheus with the shipped rules and
 * a real Alertmanager with the shipped routing, 60 times faster; the same expectations, with
 * the same deadlines, must hold.
 */
const smoke: Scenario = {
  ...providerDown,
  durationMs: 55_000,
  phases: providerDown.phases.map((p) => ({ ...p, atMs: 12_000 })),
};

describe('the provider-down scenario, live (smoke)', () => {
  let run: ScenarioRun;

  beforeAll(async () => {
    run = await runScenario(smoke, { root: ROOT, generatedDir: path.join(ROOT, 'generated') });
  }, TIMEOUT.scenario);

  it('meets every expectation of the scenario', () => {
    const unmet = run.expectations.filter((e) => !e.met).map((e) => e.detail);
    expect(unmet).toEqual([]);
    expect(run.expectations).toHaveLength(providerDown.expectations.length);
  });

  it('bills every answered request once, through retries and fallbacks', () => {
    expect(run.ledger?.detail).toBeDefined();
    expect(run.ledger!.met, run.ledger!.detail).toBe(true);
    expect(run.ledger!.debits).toBeGreaterThan(500);
  });

  it('delivers the circuit page to exactly the receivers the routing names for a platform page', () => {
    const receivers = new Set(run.notifications.filter((n) => n.status === 'firing' && n.alertname === 'GatewayCircuitOpenTooLong').map((n) => n.receiver));
    expect([...receivers].sort()).toEqual(['ai-platform-pager', 'ai-platform-slack', 'incident-log']);
    expect(run.notifications.every((n) => n.labels.provider === 'provider-a')).toBe(true);
    expect(run.notifications.some((n) => n.receiver === 'finops-slack' || n.receiver === 'dashboards-only')).toBe(false);
  });

  it('serves every client request through the fallback', () => {
    const { '200': ok = 0, ...others } = run.requests;
    expect(others).toEqual({});
    expect(ok).toBeGreaterThan(0);
    expect(Math.max(...run.samples.map((s) => s.errorRatio))).toBe(0);
  });

  it('records the fallback alert firing in Prometheus while the circuit alert holds it back', () => {
    const down = run.phases.find((p) => p.label === 'provider-a down')!;
    const fallback = run.alertStates.find((a) => a.alertname === 'GatewayExcessiveFallback' && a.state === 'firing');
    expect(fallback?.labels.provider).toBe('provider-a');
    expect(fallback!.from).toBeGreaterThan(down.at);
    expect(run.notifications.some((n) => n.alertname === 'GatewayExcessiveFallback')).toBe(false);
  });
});
