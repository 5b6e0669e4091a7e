import { setTimeout as delay } from 'node:timers/promises';
import { applyAction } from './actions.js';
import { checkExpectations, START_PHASE } from './expectations.js';
import { reconcileLedger } from './reconcile.js';
import type { Delivered, Phase, ScenarioRun } from './report/types.js';
import { Sampler } from './sampler.js';
import type { Scenario } from './scenario.js';
import { startLoadStack, type LoadStack } from './stack.js';
import { startTraffic, type TrafficDriver } from './traffic.js';
import type { Notification } from './webhookReceiver.js';

/** Where the runner finds the project it runs, and how it reports progress. */
export interface RunOptions {
  /** The repository root: package.json's gateway script and the replicas' working folder. */
  readonly root: string;
  /** The generated/ folder whose rules and routing are run. */
  readonly generatedDir: string;
  /** Progress lines; silent by default. */
  readonly log?: (line: string) => void;
  /** How often Prometheus is sampled, in ms (default 2000). */
  readonly sampleEveryMs?: number;
  /** Ends the run early (Ctrl-C, a CI timeout): traffic and the whole stack are stopped, and the run rejects with the signal's reason. */
  readonly signal?: AbortSignal | undefined;
}

/** Every alert of every notification, one entry each, in the order received. */
export function deliveredOf(notifications: readonly Notification[]): Delivered[] {
  return notifications.flatMap((n) =>
    n.alerts.map((a) => ({ at: n.receivedAt, receiver: n.receiver, status: a.status === 'resolved' ? 'resolved' : 'firing', alertname: a.labels.alertname ?? '', labels: a.labels }) as const),
  );
}

/**
 * Runs one scenario end to end: starts the stack, sends its traffic, takes its phases at their
 * times, samples Prometheus, stops everything, and judges the expectations. Returns what
 * happened; writing it anywhere is the caller's business.
 */
export async function runScenario(scenario: Scenario, options: RunOptions): Promise<ScenarioRun> {
  const log = options.log ?? (() => {});
  const scale = { factor: scenario.timeScale, scrapeIntervalMs: scenario.scrapeIntervalMs };
  const stack: LoadStack = await startLoadStack({ root: options.root, generatedDir: options.generatedDir, scale, gatewayLedger: scenario.gatewayLedger, log });
  let stopped = false;
  let sampler: Sampler | undefined;
  let traffic: TrafficDriver | undefined;
  const stopStack = async () => {
    if (stopped) return;
    stopped = true;
    await sampler?.stop();
    await traffic?.stop(0);
    await stack.stop();
  };
  const sleep = (ms: number) => delay(Math.max(0, ms), undefined, { signal: options.signal });
  try {
    options.signal?.throwIfAborted();
    sampler = new Sampler(stack.prometheus, 4 * scenario.scrapeIntervalMs, (s, alerts) => {
      const firing = alerts.filter((a) => a.state === 'firing').map((a) => a.alertname);
      const pending = alerts.filter((a) => a.state === 'pending').map((a) => a.alertname);
      const t = ((s.at - startedAt) / 1000).toFixed(0).padStart(4);
      log(`${t}s  ${s.rps.toFixed(1)} rps  5xx ${(s.errorRatio * 100).toFixed(1)}%  firing [${[...new Set(firing)].join(', ')}]  pending [${[...new Set(pending)].join(', ')}]  notifications ${stack.webhook.notifications.length}`);
    });
    const startedAt = Date.now();
    const phases: Phase[] = [{ at: startedAt, label: START_PHASE }];
    traffic = startTraffic(scenario.traffic, stack.replicas.map((r) => r.url));
    sampler.start(options.sampleEveryMs ?? 2000);
    log(`traffic started: ${scenario.traffic.ratePerSecond} rps over ${stack.replicas.length} replicas for ${scenario.durationMs / 1000} s`);

    for (const phase of [...scenario.phases].sort((a, b) => a.atMs - b.atMs)) {
      await sleep(startedAt + phase.atMs - Date.now());
      for (const action of phase.actions) await applyAction(stack, traffic, action);
      phases.push({ at: Date.now(), label: phase.label });
      log(`phase "${phase.label}" at ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
    }
    await sleep(startedAt + scenario.durationMs - Date.now());
    await sampler.stop();
    await sampler.sampleOnce().catch(() => {});
    const endedAt = Date.now();
    // The record ends here, traffic still running: what stopping it does is not the scenario's.
    const notifications = deliveredOf(stack.webhook.notifications.filter((n) => n.receivedAt <= endedAt));
    const requests = traffic.counts();
    await traffic.stop();
    const rerouted = traffic.rerouted();
    log(`traffic stopped after ${traffic.sent()} requests: ${JSON.stringify(traffic.counts())}${rerouted ? `, ${rerouted} moved off a replica that refused them` : ''}`);
    // Judged on every request sent, including those that ended after the record did.
    const ledger = scenario.reconcileLedger
      ? await reconcileLedger(stack.ledger, stack.prometheus, traffic.counts(), { timeoutMs: 60_000, scrapeIntervalMs: scenario.scrapeIntervalMs })
      : undefined;
    if (ledger) log(`ledger: ${ledger.detail}`);
    await stopStack();

    const alertStates = sampler.timeline.intervals();
    const expectations = checkExpectations(scenario.expectations, { startedAt, endedAt, phases, notifications, alertStates });
    return {
      scenario: scenario.name,
      description: scenario.description,
      startedAt,
      endedAt,
      timeScale: scenario.timeScale,
      phases,
      samples: sampler.samples,
      alertStates,
      notifications,
      expectations,
      requests,
      ledger,
    };
  } finally {
    await stopStack();
  }
}
