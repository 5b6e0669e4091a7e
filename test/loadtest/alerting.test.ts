import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instrument, registryOf } from '../../src/toolkit/index.js';
import { gateway } from '../../src/gateway/metrics.js';
import { startAlertmanager, type RunningAlertmanager } from '../../src/loadtest/alertmanager.js';
import { startPrometheus, type RunningPrometheus } from '../../src/loadtest/prometheus.js';
import { scaledAlertmanagerConfig, writeScaledPrometheus } from '../../src/loadtest/scaledStack.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../src/loadtest/webhookReceiver.js';
import { pollFor } from '../support/poll.js';

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
  }, 60_000);
  afterAll(async () => {
    await prom?.stop();
    await am?.stop();
    await webhook?.stop();
    await replica?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('delivers the page and the ticket to their receivers, and not the alert the open circuit inhibits', async () => {
    const delivered = () => webhook.notifications.filter((n) => n.status === 'firing').map((n) => `${n.receiver}: ${n.alerts.map((a) => a.labels.alertname).join(',')}`);
    const expected = [
      'ai-platform-pager: GatewayCircuitOpenTooLong',
      'ai-platform-slack: GatewayCircuitOpenTooLong',
      'ai-platform-slack: GatewayOutboxFillRatioHigh',
      'incident-log: GatewayCircuitOpenTooLong',
    ];
    await pollFor('the page and the ticket to be delivered', 60_000, () => (expected.every((e) => delivered().includes(e)) ? true : undefined));

    // The fallback alert fires in Prometheus, reaches Alertmanager, and is held back there by the circuit alert.
    const fallback = await pollFor('GatewayExcessiveFallback to reach Alertmanager', 30_000, async () =>
      (await am.alerts()).find((a) => a.labels.alertname === 'GatewayExcessiveFallback' && a.status.state !== 'unprocessed'),
    );
    expect(fallback.labels).toMatchObject({ provider: 'provider-a', severity: 'ticket', team: 'ai-platform' });
    expect(fallback.status.state).toBe('suppressed');
    expect(fallback.status.inhibitedBy.length).toBe(1);

    // Two more group intervals (5m scaled: 5 s each) in which an uninhibited ticket would have been sent.
    await new Promise((r) => setTimeout(r, 11_000));
    expect([...new Set(delivered())].sort()).toEqual(expected);
    const page = webhook.notifications.find((n) => n.receiver === 'ai-platform-pager')!;
    expect(page.alerts[0]!.labels).toMatchObject({ alertname: 'GatewayCircuitOpenTooLong', severity: 'page', provider: 'provider-a', instance: replica.target });
    expect(page.alerts[0]!.annotations.runbook_url).toBe('https://runbooks.example.com/ai-gateway/gateway-circuit-open-too-long');
  }, 120_000);
});
