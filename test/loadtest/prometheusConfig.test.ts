import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPrometheus, type RunningPrometheus } from '../../src/integrations/loadtest/prometheus.js';
import { pollFor } from '../support/poll.js';
import { WAIT } from '../support/timeouts.js';

const GENERATED = path.resolve(import.meta.dirname, '../../generated/prometheus');

interface RuleGroupStatus {
  name: string;
  file: string;
  lastEvaluation: string;
  /** Seconds. */
  interval: number;
  rules: { name: string; health: string; lastError?: string }[];
}

/** The repository's committed prometheus.yml, in a real Prometheus: every rule file loads and evaluates. */
describe('generated/prometheus/prometheus.yml in a real Prometheus', () => {
  let prom: RunningPrometheus;
  beforeAll(async () => {
    prom = await startPrometheus(path.join(GENERATED, 'prometheus.yml'));
  });
  afterAll(async () => {
    await prom?.stop();
  });

  it('loads every generated rule file and evaluates its rules without an error', async () => {
    const evaluated = (g: RuleGroupStatus) => !g.lastEvaluation.startsWith('0001');
    // A group first evaluates within one interval of the start; waiting for the 30s groups keeps
    // this test short (the 2m and 5m groups are checked when they happen to have run; the smoke,
    // alerting.test.ts, waits for every group of the same files on a clock 60 times faster).
    const groups = await pollFor('the 30s rule groups to be evaluated', WAIT.live, async () => {
      const { groups } = await prom.api<{ groups: RuleGroupStatus[] }>('/api/v1/rules');
      return groups.length > 0 && groups.filter((g) => g.interval <= 30).every(evaluated) && groups;
    });
    const files = new Set(groups.map((g) => path.basename(g.file)));
    expect([...files].sort()).toEqual(readdirSync(path.join(GENERATED, 'rules')).sort());
    expect(groups.filter((g) => g.interval <= 30 && !evaluated(g)).map((g) => g.name)).toEqual([]);
    const unhealthy = groups.flatMap((g) => g.rules.filter((r) => r.health === 'err').map((r) => `${g.name}/${r.name}: ${r.lastError ?? ''}`));
    expect(unhealthy).toEqual([]);
  });

  it('sends alerts to the configured Alertmanager and scrapes the gateway job', async () => {
    const ams = await prom.api<{ activeAlertmanagers: { url: string }[]; droppedAlertmanagers: unknown[] }>('/api/v1/alertmanagers');
    expect(ams.activeAlertmanagers.map((a) => a.url)).toEqual(['http://localhost:9093/api/v2/alerts']);
    const targets = await prom.api<{ activeTargets: { labels: Record<string, string> }[] }>('/api/v1/targets');
    expect(targets.activeTargets.map((t) => `${t.labels.job} ${t.labels.instance}`)).toEqual(['ai-gateway localhost:8080']);
  });
});
