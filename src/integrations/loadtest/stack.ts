import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { DEFAULT_BUDGETS_USD, defaultConfig } from '../gateway/config/default.js';
import { startLedger, type Ledger } from '../gateway/ledger/server.js';
import { startMockProvider, type MockProvider } from '../gateway/mock/server.js';
import { startAlertmanager, type RunningAlertmanager } from './alertmanager.js';
import { startGatewayReplica, type GatewayReplica } from './gatewayProcess.js';
import { startPrometheus, type RunningPrometheus } from './prometheus.js';
import { scaledAlertmanagerConfig, writeScaledPrometheus } from './scaledStack.js';
import type { ProviderName, Scenario } from './scenario.js';
import type { TimeScale } from './timeScale.js';
import { startWebhookReceiver, type WebhookReceiver } from './webhookReceiver.js';

/** The scrape job of the generated prometheus.yml, which the rules' `up{job=...}` names. */
export const GATEWAY_JOB = 'ai-gateway';

/**
 * Everything one scenario runs against: two mock providers and a ledger (in this process, on
 * their own ports, faulted through their HTTP admin endpoints), two gateway replicas (separate
 * processes, the default config pointing at those backends), a real Prometheus scraping both
 * with the shipped rules scaled, a real Alertmanager with the shipped routing scaled, and the
 * local webhook every receiver delivers to.
 */
export interface LoadStack {
  readonly providers: Readonly<Record<ProviderName, MockProvider>>;
  readonly ledger: Ledger;
  readonly replicas: readonly GatewayReplica[];
  readonly prometheus: RunningPrometheus;
  readonly alertmanager: RunningAlertmanager;
  readonly webhook: WebhookReceiver;
  stop(): Promise<void>;
}

/**
 * Starts the stack from the project's own files: `generatedDir` (generated/) for the rules and
 * routing, `root` for the gateway's `npm run gateway` command line. The scaled files live in a
 * temporary folder removed on stop. A failed start stops whatever had started.
 */
export async function startLoadStack(options: {
  root: string;
  generatedDir: string;
  scale: TimeScale;
  /** Ledger settings of the replicas' config that differ from the default config's. */
  gatewayLedger?: Scenario['gatewayLedger'];
  log?: (line: string) => void;
}): Promise<LoadStack> {
  const log = options.log ?? (() => {});
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lookout-loadtest-'));
  const stoppers: Array<() => Promise<void>> = [async () => rmSync(dir, { recursive: true, force: true })];
  const stop = async () => {
    for (const s of stoppers.splice(0).reverse()) {
      try {
        await s();
      } catch {
        // Stopping is best effort: one failed stop must not leave the others running.
      }
    }
  };
  try {
    const [providerA, providerB, ledger] = await Promise.all([
      startMockProvider({ name: 'provider-a' }),
      startMockProvider({ name: 'provider-b' }),
      startLedger({ budgets: DEFAULT_BUDGETS_USD }),
    ]);
    stoppers.push(() => providerA.close(), () => providerB.close(), () => ledger.close());
    log(`mock providers ${providerA.url} ${providerB.url}, ledger ${ledger.url}`);

    const configFile = path.join(dir, 'gateway.yaml');
    const config = defaultConfig({ providerA: providerA.url, providerB: providerB.url, ledger: ledger.url }, 0);
    // Replicas are stopped only once the run is over and its traffic stopped: no balancer has
    // to see them leave, so SIGTERM closes their listeners without a grace period.
    writeFileSync(configFile, stringify({ ...config, server: { ...config.server, shutdownGraceMs: 0 }, ledger: { ...config.ledger, ...options.gatewayLedger } }));
    const replicas: GatewayReplica[] = [];
    for (let i = 0; i < 2; i++) {
      const replica = await startGatewayReplica(options.root, configFile);
      replicas.push(replica);
      stoppers.push(() => replica.stop());
    }
    log(`gateway replicas ${replicas.map((r) => `${r.url} (pid ${r.pid})`).join(', ')}`);

    const webhook = await startWebhookReceiver();
    stoppers.push(() => webhook.stop());
    const alertmanager = await startAlertmanager(scaledAlertmanagerConfig(options.generatedDir, options.scale, webhook.url));
    stoppers.push(() => alertmanager.stop());
    const promConfig = writeScaledPrometheus(options.generatedDir, path.join(dir, 'prometheus'), {
      scale: options.scale,
      targets: { [GATEWAY_JOB]: replicas.map((r) => r.target) },
      alertmanagers: [new URL(alertmanager.url).host],
    });
    const prometheus = await startPrometheus(promConfig);
    stoppers.push(() => prometheus.stop());
    log(`prometheus ${prometheus.url}, alertmanager ${alertmanager.url}, webhook ${webhook.url}, rules scaled ${options.scale.factor}x`);

    return { providers: { 'provider-a': providerA, 'provider-b': providerB }, ledger, replicas, prometheus, alertmanager, webhook, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
