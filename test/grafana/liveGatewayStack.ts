/**
 * The reference gateway as the end-to-end dashboard tests see it: the gateway with its default
 * config, two mock providers and the ledger in this process, and a real Prometheus scraping it
 * every second with the generated recording and alert rules loaded on a clock 60 times faster
 * (a 1h window becomes 1 min, a 5m one 5 s), so the recording rules the dashboards read have
 * data within seconds.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { instantValue, startPrometheus, type RunningPrometheus } from '../../src/integrations/loadtest/prometheus.js';
import { writeScaledPrometheus } from '../../src/integrations/loadtest/scaledStack.js';
import { GATEWAY_JOB } from '../../src/integrations/loadtest/stack.js';
import type { TimeScale } from '../../src/integrations/loadtest/timeScale.js';
import { hashKey } from '../../src/integrations/gateway/governance/keys.js';
import { startStack, type Stack } from '../gateway/stack.js';
import { BATCH } from './liveGatewayTraffic.js';
import { pollFor } from '../support/poll.js';
import { WAIT } from '../support/timeouts.js';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const GENERATED = path.join(ROOT, 'generated');
export const DASHBOARD_DIR = path.join(GENERATED, 'grafana', 'dashboards');

/** One minute of the shipped rules in one second, scraped every second. */
export const SCALE: TimeScale = { factor: 60, scrapeIntervalMs: 1000 };

export interface LiveGateway {
  readonly stack: Stack;
  readonly prometheus: RunningPrometheus;
  /** Stops Prometheus (by pid), then the gateway, mocks and ledger; safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Starts the stack and a Prometheus scraping the gateway as job "ai-gateway", and waits for
 * the first successful scrape. Providers start healthy but with a realistic latency spread and
 * a slow-ish stream, so the latency panels have a shape.
 */
export async function startLiveGateway(): Promise<LiveGateway> {
  const stack = await startStack({
    config: (base) => ({
      ...base,
      teams: [...base.teams!, { name: BATCH.team, limits: { tokensPerMinute: BATCH.tokensPerMinute } }],
      keys: [...base.keys!, { id: BATCH.keyId, team: BATCH.team, sha256: hashKey(BATCH.key) }],
    }),
    faultsA: { latencyMs: { p50: 20, p99: 200 }, firstChunkDelayMs: 15, streamChunkDelayMs: 2 },
    faultsB: { latencyMs: { p50: 30, p99: 250 }, firstChunkDelayMs: 25, streamChunkDelayMs: 3 },
  });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lookout-live-gateway-'));
  let prometheus: RunningPrometheus | undefined;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await prometheus?.stop();
    await stack.close();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const target = new URL(stack.gateway.metricsUrl).host;
    const config = writeScaledPrometheus(GENERATED, dir, { scale: SCALE, targets: { [GATEWAY_JOB]: [target] }, alertmanagers: [] });
    prometheus = await startPrometheus(config);
    const p = prometheus;
    await pollFor('the first scrape of the gateway', WAIT.live, async () => {
      return (await instantValue(p, `up{job="${GATEWAY_JOB}"}`)) === 1;
    });
  } catch (e) {
    await stop();
    throw e;
  }
  return { stack, prometheus, stop };
}
