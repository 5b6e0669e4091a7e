import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { instrument, registryOf, silentInstruments } from '../toolkit/index.js';
import { formatProblems, loadConfigFile, type ConfigProblem } from './config/load.js';
import type { GatewayConfig } from './config/schema.js';
import type { Services } from './chat/handler.js';
import { AuditQueue } from './governance/audit.js';
import { Outbox } from './governance/outbox.js';
import { jsonLogger, type Logger } from './log.js';
import { gateway as catalog, type GatewayInstruments } from './metrics.js';
import { Runtime } from './runtime.js';
import { createAdminServer, createGatewayServer } from './server.js';
import type { Timers } from './timers.js';
import { version } from './version.js';

export interface GatewayOptions {
  readonly config: GatewayConfig;
  /** The file the config came from: SIGHUP and `reload()` read it again. */
  readonly configFile?: string | undefined;
  readonly logger?: Logger;
  /** For tests: the timers of the circuit breakers (open to half-open), moved by hand. */
  readonly circuitTimers?: Timers | undefined;
}

export type ReloadResult = { ok: true } | { ok: false; problems: readonly ConfigProblem[] };

/**
 * A running gateway: its listeners, the runtime built from the current config, and what
 * outlives a reload (instruments, the budget outbox, the audit queue). Reload swaps the
 * runtime, or keeps the old one when the new config is bad. Drain stops taking requests,
 * lets the ones in flight finish, flushes the ledger queues, and closes.
 */
export class Gateway {
  private current: Runtime;
  private isDraining = false;
  private started = false;
  private readonly active = { count: 0 };
  readonly metrics: GatewayInstruments;
  private readonly registry: ReturnType<typeof registryOf> | undefined;
  private readonly services: Services;
  private readonly outbox: Outbox;
  private readonly audit: AuditQueue;
  private server!: Server;
  private admin: Server | undefined;

  private constructor(
    config: GatewayConfig,
    private readonly configFile: string | undefined,
    private readonly logger: Logger,
    private readonly circuitTimers: Timers | undefined,
  ) {
    this.metrics = config.server.metrics ? instrument(catalog) : silentInstruments(catalog);
    // Chosen once: a reload cannot swap instruments that requests in flight hold.
    this.registry = config.server.metrics ? registryOf(this.metrics) : undefined;
    this.current = new Runtime(config, this.metrics, circuitTimers);
    const ledger = () => this.current.ledger;
    this.outbox = new Outbox(config.ledger, this.metrics, ledger, (debits) => {
      for (const d of debits) this.current.budget.flushed(d.team, d.usd);
    });
    this.audit = new AuditQueue(config.ledger, this.metrics, ledger);
    this.services = { metrics: this.metrics, outbox: this.outbox, audit: this.audit, logger, accessLog: config.server.accessLog };
    this.zeroSeries();
    this.zeroProviderSeries();
  }

  /** Builds the runtime, starts the ledger queues and listens; rejects if the config cannot be applied or a port is taken. */
  static async start(options: GatewayOptions): Promise<Gateway> {
    const g = new Gateway(options.config, options.configFile, options.logger ?? jsonLogger(), options.circuitTimers);
    await g.listen();
    return g;
  }

  get config(): GatewayConfig {
    return this.current.config;
  }

  /** http://host:port of the main listener. */
  get url(): string {
    return urlOf(this.server);
  }

  /** Where /metrics is served: the admin listener if there is one. */
  get metricsUrl(): string {
    return `${urlOf(this.admin ?? this.server)}/metrics`;
  }

  get draining(): boolean {
    return this.isDraining;
  }

  /** The /metrics text, as Prometheus would scrape it. */
  async scrape(): Promise<{ contentType: string; body: string }> {
    for (const p of this.current.providers.values()) this.metrics.upstreamConnections.set({ provider: p.name }, p.connections());
    // With metrics off there is no registry: an empty exposition, as a scrape would see.
    if (!this.registry) return { contentType: 'text/plain; version=0.0.4; charset=utf-8', body: '' };
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  /** Reads the config file again and applies it; a bad config is counted, logged and changes nothing. */
  async reload(): Promise<ReloadResult> {
    if (!this.configFile) return this.reloaded({ ok: false, problems: [{ file: '<embedded>', field: '', message: 'the gateway runs on its embedded config; there is no file to reload' }] });
    const loaded = await loadConfigFile(this.configFile);
    if (!loaded.ok) return this.reloaded(loaded);
    let next: Runtime;
    try {
      next = new Runtime(loaded.config, this.metrics, this.circuitTimers);
    } catch (e) {
      return this.reloaded({ ok: false, problems: [{ file: this.configFile, field: '', message: (e as Error).message }] });
    }
    const { server } = loaded.config;
    if (server.port !== this.current.config.server.port || server.host !== this.current.config.server.host || server.adminPort !== this.current.config.server.adminPort) {
      this.logger.log('warn', 'listen addresses are not reloaded; restart the gateway to change them', { file: this.configFile });
    }
    const previous = this.current;
    this.current = next;
    this.zeroProviderSeries();
    await next.budget.start();
    // In-flight requests hold the previous runtime; its pools close once they are idle.
    void previous.close();
    return this.reloaded({ ok: true });
  }

  /**
   * Graceful shutdown: /readyz turns 503, listeners stop accepting, idle keep-alive
   * connections close, requests in flight get up to `drainTimeoutMs` to finish, then the
   * outbox and audit queue get what time is left to reach the ledger.
   */
  async drain(): Promise<void> {
    if (this.isDraining) return;
    this.isDraining = true;
    const until = Date.now() + this.current.config.server.drainTimeoutMs;
    this.logger.log('info', 'draining', { inFlight: this.active.count });
    const closed = new Promise((resolve) => this.server.close(resolve));
    this.server.closeIdleConnections();
    while (this.active.count > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    this.server.closeAllConnections();
    await closed;
    const left = Math.max(100, until - Date.now());
    await Promise.all([this.outbox.drain(left), this.audit.drain(left)]);
    await this.closeRest();
    this.logger.log('info', 'drained', { outboxDepth: this.outbox.depth, auditPending: this.audit.pending });
  }

  /** Stops at once: no drain, queued debits and events are not flushed. For tests. */
  async close(): Promise<void> {
    this.isDraining = true;
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
    this.outbox.stop();
    this.audit.stop();
    await this.closeRest();
  }

  private async closeRest(): Promise<void> {
    if (this.admin) {
      this.admin.closeAllConnections();
      await new Promise((resolve) => this.admin!.close(resolve));
    }
    await this.current.close();
  }

  private async listen(): Promise<void> {
    const { server } = this.current.config;
    const metricsHere = server.adminPort === undefined;
    this.server = createGatewayServer({
      runtime: () => this.current,
      services: this.services,
      draining: () => this.isDraining,
      ready: () => this.started && !this.isDraining,
      metricsHere,
      metrics: () => this.scrape(),
      active: this.active,
    });
    this.server.listen(server.port, server.host);
    await once(this.server, 'listening');
    if (!metricsHere) {
      this.admin = createAdminServer({ metrics: () => this.scrape() });
      this.admin.listen(server.adminPort, server.host);
      await once(this.admin, 'listening');
    }
    await this.current.budget.start();
    this.outbox.start();
    this.audit.start();
    this.reloaded({ ok: true }, false);
    this.started = true;
  }

  private reloaded(result: ReloadResult, count = true): ReloadResult {
    if (result.ok) {
      if (count) this.metrics.configReloads.inc({ result: 'success' });
      this.metrics.configLastReloadSuccessful.setState('succeeded');
      this.metrics.configLastReloadTimestamp.setToCurrentTime();
      if (count) this.logger.log('info', 'config reloaded', { file: this.configFile });
    } else {
      this.metrics.configReloads.inc({ result: 'failure' });
      this.metrics.configLastReloadSuccessful.setState('failed');
      this.logger.log('error', 'config reload failed; keeping the previous config', { problems: formatProblems(result.problems) });
    }
    return result;
  }

  /** Series alerts take a rate of exist from the start at 0, so their first increase is seen. */
  /**
   * Every attempt kind and outcome of each configured provider at 0, so that the first burst
   * of failures is an increase `rate()` sees rather than the value a new series starts with
   * (the provider error-rate alert and SLO read these).
   */
  private zeroProviderSeries(): void {
    const { attempt, outcome } = catalog.metrics.providerAttempts.info.labels;
    for (const p of this.current.config.providers) {
      for (const a of attempt) for (const o of outcome) this.metrics.providerAttempts.inc({ provider: p.name, attempt: a, outcome: o }, 0);
    }
  }

  private zeroSeries(): void {
    const m = this.metrics;
    m.buildInfo.set({ version: version.version, revision: version.revision, node_version: process.version }, 1);
    for (const result of ['success', 'failure'] as const) m.configReloads.inc({ result }, 0);
    for (const reason of ['rejected_4xx', 'overflow'] as const) m.outboxDropped.inc({ reason }, 0);
    for (const reason of ['transport', 'timeout', 'server_error'] as const) m.outboxFlushFailures.inc({ reason }, 0);
    for (const outcome of ['success', 'failure', 'dropped'] as const) m.eventsDelivered.inc({ type: 'audit', outcome }, 0);
    m.eventsEmitted.inc({ type: 'audit' }, 0);
    m.outboxEnqueued.inc(0);
    m.outboxFlushed.inc(0);
    m.inFlight.set({ route: 'chat_completions' }, 0);
  }
}

function urlOf(server: Server): string {
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}
