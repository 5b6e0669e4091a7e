import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instrument, registryOf } from '../../src/library/runtime.js';
import { gateway } from '../../src/integrations/gateway/metrics.js';
import { startAlertmanager, type RunningAlertmanager } from '../../src/integrations/loadtest/alertmanager.js';
import { startPrometheus, type RunningPrometheus } from '../../src/integrations/loadtest/prometheus.js';
import { scaledAlertmanagerConfig, writeScaledPrometheus } from '../../src/integrations/loadtest/scaledStack.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../src/integrations/loadtest/webhookReceiver.js';
import { pollFor } from '../support/poll.js';
import { TIMEOUT, WAIT } from '../support/timeouts.js';

const GENERATED = path.resolve(import.meta.dirname, '../../generated');
/** One minute of the shipped rules in one second: a 5m `for` holds after 5 s. */
const SCALE = { factor: 60, scrapeIntervalMs: 1000 };

/**
 * A stand-in for one gateway replica's /metrics, written through the catalog's instruments:
 * provider-a's circuit is open and its requests fall back to provider-b, and the budget outbox
 * is 70% full (over the 50% ticket threshold, under the 1000-debit backlog one).
 */
async function startFaultyReplica() {
  const m = instrument(gateway);
  m.circuitState.setState({ provider: 'provider-a', credential: 'primary' }, 'open');
  m.circuitState.setState({ provider: 'provider-b', credential: 'primary' }, 'closed');
  // A replica sets these when it loads its config; left at prom-client's 0 they read as a
  // reload in 1970, and GatewayConfigNotReloaded tickets (as this test found the first time).
  m.configLastReloadSuccessful.set(1);
  m.configLastReloadTimestamp.setToCurrentTime();
  m.outboxDepth.set(700);
  m.outboxCapacity.set(1000);
  const tick = setInterval(() => {
    m.providerAttempts.inc({ provider: 'provider-a', attempt: 'primary', outcome: 'circuit_open' }, 5);
    m.fallbacks.inc({ provider: 'provider-a', fallback_provider: 'provider-b', reason: 'circuit_open' }, 5);
    m.providerAttempts.inc({ provider: 'provider-b', attempt: 'fallback', outcome: 'success' }, 5);
  }, 100);
  const server = http.createServer((_req, res) => {
    void registryOf(m)
      .metrics()
      .then((text) => res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(text));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const target = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    target,
    stop: () => {
      clearInterval(tick);
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}


/**
 * The live smoke of `npm test`, a few seconds long: the shipped rules and routing, scaled, in a
 * real Prometheus scraping a stand-in replica and a real Alertmanager delivering to a local
 * webhook. Every rule file loads and evaluates, the page and the ticket reach the receivers the
 * routing names, and the alert an inhibition holds back is never sent.
 */
describe('the generated rules and Alertmanager config, live', () => {
  let replica: Awaited<ReturnType<typeof startFaultyReplica>>;
  let webhook: WebhookReceiver;
  let am: RunningAlertmanager;
  let prom: RunningPrometheus;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lookout-alerting-'));

  beforeAll(async () => {
    replica = await startFaultyReplica();
    webhook = await startWebhookReceiver();
    am = await startAlertmanager(scaledAlertmanagerConfig(GENERATED, SCALE, webhook.url));
    const config = writeScaledPrometheus(GENERATED, dir, { scale: SCALE, targets: { 'ai-gateway': [replica.target] }, alertmanagers: [am.url.replace('http://', '')] });
    prom = await startPrometheus(config);
  }, TIMEOUT.serverStart);
  afterAll(async () => {
    await prom?.stop();
    await am?.stop();
    await webhook?.stop();
    await replica?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads every generated rule file and evaluates every group without an error', async () => {
    type Group = { name: string; file: string; lastEvaluation: string; rules: { name: string; health: string; lastError?: string }[] };
    const evaluated = (g: Group) => !g.lastEvaluation.startsWith('0001');
    // Scaled, the slowest group runs every 5 s: every group has run within a few seconds.
    const groups = await pollFor('every rule group to be evaluated once', WAIT.live, async () => {
      const { groups } = await prom.api<{ groups: Group[] }>('/api/v1/rules');
      return groups.length > 0 && groups.every(evaluated) && groups;
    });
    expect([...new Set(groups.map((g) => path.basename(g.file)))].sort()).toEqual(readdirSync(path.join(GENERATED, 'prometheus/rules')).sort());
    expect(groups.flatMap((g) => g.rules.filter((r) => r.health === 'err').map((r) => `${g.name}/${r.name}: ${r.lastError ?? ''}`))).toEqual([]);
  });

  it('delivers the page and the ticket to their receivers, and not the alert the open circuit inhibits', async () => {
    const CANARY = 'LookoutSmokeCanary';
    const delivered = () =>
      webhook.notifications.filter((n) => n.status === 'firing' && n.groupLabels.alertname !== CANARY).map((n) => `${n.receiver}: ${n.alerts.map((a) => a.labels.alertname).join(',')}`);
    const expected = [
      'ai-platform-pager: GatewayCircuitOpenTooLong',
      'ai-platform-slack: GatewayCircuitOpenTooLong',
      'ai-platform-slack: GatewayOutboxFillRatioHigh',
      'incident-log: GatewayCircuitOpenTooLong',
    ];
    await pollFor('the page and the ticket to be delivered', WAIT.live, () => expected.every((e) => delivered().includes(e)));

    // The fallback alert fires in Prometheus, reaches Alertmanager, and is held back there by the circuit alert.
    const fallback = await pollFor('GatewayExcessiveFallback to reach Alertmanager', WAIT.live, async () =>
      (await am.alerts()).find((a) => a.labels.alertname === 'GatewayExcessiveFallback' && a.status.state !== 'unprocessed'),
    );
    expect(fallback.labels).toMatchObject({ provider: 'provider-a', severity: 'ticket', team: 'ai-platform' });
    expect(fallback.status.state).toBe('suppressed');
    expect(fallback.status.inhibitedBy.length).toBe(1);

    // Had it not been inhibited, its ticket would have gone to ai-platform-slack at its group's
    // first flush, and again at the next group interval. A canary sent to the same receiver, on
    // the same group wait and interval, in a group made after the fallback's, is flushed after
    // it both times: once the canary's second notification is in, both chances have passed.
    const canaryNotices = () => webhook.notifications.filter((n) => n.status === 'firing' && n.groupLabels.alertname === CANARY);
    // Firing for an hour: left to Alertmanager's resolve_timeout (5 s scaled), the first would end too soon.
    const endsAt = new Date(Date.now() + 3_600_000).toISOString();
    const canary = (n: string) => ({ labels: { alertname: CANARY, team: 'ai-platform', severity: 'ticket', n }, endsAt });
    await am.post([canary('1')]);
    await pollFor("the canary's first notification", WAIT.live, () => canaryNotices().length >= 1);
    await am.post([canary('2')]);
    await pollFor("the canary's notification a group interval later", WAIT.live, () => canaryNotices().some((n) => n.alerts.length === 2));
    expect(canaryNotices().every((n) => n.receiver === 'ai-platform-slack')).toBe(true);

    expect([...new Set(delivered())].sort()).toEqual(expected);
    const page = webhook.notifications.find((n) => n.receiver === 'ai-platform-pager')!;
    expect(page.alerts[0]!.labels).toMatchObject({ alertname: 'GatewayCircuitOpenTooLong', severity: 'page', provider: 'provider-a', instance: replica.target });
    expect(page.alerts[0]!.annotations.runbook_url).toBe('https://runbooks.example.com/ai-gateway/gateway-circuit-open-too-long');
  });
});
