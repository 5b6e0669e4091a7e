import type { Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { instrument, registryOf, silentInstruments } from '../../library/runtime.js';
import { formatProblems, loadConfigFile, type ConfigProblem } from './config/load.js';
import type { GatewayConfig } from './config/schema.js';
import type { Services } from './chat/handler.js';
import { AuditQueue } from './governance/audit.js';
import { BudgetBook } from './governance/budget.js';
import { Outbox } from './governance/outbox.js';
import { Spool } from './governance/spool.js';
import { InFlight } from './inFlight.js';
import { listen, stopListening } from './listener.js';
import { jsonLogger, type Logger } from './log.js';
import { gateway as catalog, type GatewayInstruments } from './metrics.js';
import { Runtime } from './runtime.js';
import { closeAfterAnswer, createAdminServer, createGatewayServer } from './server.js';
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
 * outlives a reload (instruments, the budget outbox, the audit queue, the spool). Reload swaps
 * the runtime, or keeps the old one when the new config is bad. Drain turns /readyz to 503,
 * serves on for a grace period, stops taking connections, answers what is already on them,
 * flushes the ledger queues and hands what the ledger did not take to the spool.
 */
export class Gateway {
  private current: Runtime;
  private isDraining = false;
  /** Set once a drain has closed the listener: every answer then says `connection: close`. */
  private closing = false;
  private drained: Promise<void> | undefined;
  private started = false;
  private readonly active = new InFlight();
  readonly metrics: GatewayInstruments;
  private readonly registry: ReturnType<typeof registryOf> | undefined;
  private readonly services: Services;
  private readonly outbox: Outbox;
  private readonly audit: AuditQueue;
  private readonly budget: BudgetBook;
  private readonly spool: Spool | undefined;
  /** Replayed records still at the head of each queue, and the claimed spool files that hold them. */
  private replay: { debits: number; events: number; files: readonly string[] } | undefined;
  private server!: Server;
  private connections: ReadonlySet<Socket> = new Set();
  private admin: Server | undefined;
  /** What has started listening, for a failed start to close. */
  private readonly listening: Server[] = [];

  private constructor(
    config: GatewayConfig,
    private readonly configFile: string | undefined,
    private readonly logger: Logger,
    private readonly circuitTimers: Timers | undefined,
  ) {
    this.metrics = config.server.metrics ? instrument(catalog) : silentInstruments(catalog);
    // Chosen once: a reload cannot swap instruments that requests in flight hold.
    this.registry = config.server.metrics ? registryOf(this.metrics) : undefined;
    // Outlives reloads: spend the ledger has not seen and reservations in flight carry over.
    this.budget = new BudgetBook(config.teams, config.ledger, this.metrics, () => this.current.ledger);
    this.current = new Runtime(config, this.metrics, this.budget, circuitTimers);
    const ledger = () => this.current.ledger;
    this.outbox = new Outbox(
      config.ledger,
      this.metrics,
      ledger,
      (debits) => {
        for (const d of debits) this.budget.flushed(d.team, d.usd);
      },
      (n) => this.replayed('debits', n),
    );
    this.audit = new AuditQueue(config.ledger, this.metrics, ledger, (n) => this.replayed('events', n));
    this.spool = config.ledger.spoolFile ? new Spool(config.ledger.spoolFile, logger) : undefined;
    this.services = { metrics: this.metrics, outbox: this.outbox, audit: this.audit, logger, accessLog: config.server.accessLog };
    this.zeroSeries();
    this.zeroProviderSeries();
  }

  /**
   * Builds the runtime, replays the spool, listens and starts the ledger queues; rejects if the
   * config cannot be applied, the spool cannot be read or a port is taken, after closing
   * whatever it had opened (a spool it claimed is replayed again by the next start).
   */
  static async start(options: GatewayOptions): Promise<Gateway> {
    const g = new Gateway(options.config, options.configFile, options.logger ?? jsonLogger(), options.circuitTimers);
    try {
      await g.open();
    } catch (e) {
      await g.close();
      throw e;
    }
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
      next = new Runtime(loaded.config, this.metrics, this.budget, this.circuitTimers);
    } catch (e) {
      return this.reloaded({ ok: false, problems: [{ file: this.configFile, field: '', message: (e as Error).message }] });
    }
    const { server } = loaded.config;
    if (server.port !== this.current.config.server.port || server.host !== this.current.config.server.host || server.adminPort !== this.current.config.server.adminPort) {
      this.logger.log('warn', 'listen addresses are not reloaded; restart the gateway to change them', { file: this.configFile });
    }
    if (loaded.config.ledger.spoolFile !== this.spool?.file) {
      this.logger.log('warn', 'ledger.spoolFile is not reloaded; restart the gateway to change it', { file: this.configFile });
    }
    const previous = this.current;
    this.current = next;
    this.zeroProviderSeries();
    this.budget.reconfigure(loaded.config.teams, loaded.config.ledger);
    await this.budget.start();
    // In-flight requests hold the previous runtime; its pools close once they are idle.
    void previous.close();
    return this.reloaded({ ok: true });
  }

  /**
   * Graceful shutdown, in the order a load balancer can follow: /readyz turns 503 while
   * requests are served as before for `shutdownGraceMs`; then the listener stops accepting,
   * and requests in flight or still arriving on open connections get up to `drainTimeoutMs`
   * to be answered (each answer says `connection: close`); then the ledger queues are flushed
   * with the time left, and what the ledger has not taken is handed to the spool. Calling it
   * again returns the same drain.
   */
  drain(): Promise<void> {
    this.drained ??= this.shutDown();
    return this.drained;
  }

  /** Stops at once: no drain, queued debits and events are neither flushed nor spooled. For tests. */
  async close(): Promise<void> {
    this.isDraining = true;
    this.outbox.stop();
    this.audit.stop();
    this.budget.stop();
    for (const server of this.listening.splice(0)) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
    await this.current.close();
  }

  private async shutDown(): Promise<void> {
    this.isDraining = true;
    const { shutdownGraceMs, drainTimeoutMs } = this.current.config.server;
    this.logger.log('info', 'draining: /readyz answers 503; serving on for the grace period', { graceMs: shutdownGraceMs, inFlight: this.active.count });
    await delay(shutdownGraceMs);
    const until = Date.now() + drainTimeoutMs;
    // Keep-alive holds through the grace period: a client that is told to reconnect then may
    // have its new connection accepted by the kernel and reset when the listener closes. From
    // here every answer says `connection: close`, and reconnecting is refused: never written.
    this.closing = true;
    closeAfterAnswer(this.connections);
    const main = this.listening.indexOf(this.server);
    if (main >= 0) this.listening.splice(main, 1);
    this.logger.log('info', 'draining: the listener is closed; answering what is on open connections', { connections: this.connections.size, inFlight: this.active.count });
    await stopListening(this.server, this.connections, drainTimeoutMs, (open) => {
      // Idle connections closed at the deadline are expected (a client may keep one for minutes); requests cut are not.
      this.logger.log(this.active.count > 0 ? 'warn' : 'info', 'drain timeout: closing the connections still open', { connections: open, inFlight: this.active.count, drainTimeoutMs });
    });
    // Handlers whose connections the deadline ended settle their accounting now (a stream cut
    // short is billed): their debits must be queued before the queues are handed over.
    if (!(await this.active.settled(Math.max(100, until - Date.now())))) {
      this.logger.log('warn', 'drain: requests still being handled after the deadline; their debits and audit events may be lost', { inFlight: this.active.count });
    }
    // With a spool, a ledger that fails a flush is not waited for: the spool takes the rest.
    const left = Math.max(100, until - Date.now());
    await Promise.all([this.outbox.drain(left, this.spool !== undefined), this.audit.drain(left, this.spool !== undefined)]);
    await this.handOver();
    await this.close();
    this.logger.log('info', 'drained', { outboxDepth: this.outbox.depth, auditPending: this.audit.pending });
  }

  /** Gives what the ledger has not taken to the spool (or says what is lost without one). */
  private async handOver(): Promise<void> {
    const debits = this.outbox.takeAll();
    const events = this.audit.takeAll();
    const replay = this.replay;
    this.replay = undefined;
    const counts = { debits: debits.length, events: events.length };
    if (counts.debits + counts.events > 0) {
      if (!this.spool) {
        this.logger.log('warn', 'the ledger has not taken these debits and audit events: they are lost (ledger.spoolFile would keep them for the next start)', counts);
        return;
      }
      try {
        await this.spool.append({ debits, events });
      } catch (e) {
        this.logger.log('error', 'cannot write the spool: the debits and audit events the ledger has not taken are lost', { file: this.spool.file, ...counts, error: (e as Error).message });
        return;
      }
      this.logger.log('warn', 'handed the debits and audit events the ledger has not taken to the spool, for the next start', { file: this.spool.file, ...counts });
    }
    // The replayed records left are delivered or in the spool again.
    if (replay) await this.release(replay.files);
  }

  /** Puts what the last run handed over back in the queues, ahead of any new record. */
  private async replaySpool(): Promise<void> {
    if (!this.spool) return;
    const claimed = await this.spool.claim();
    if (claimed.files.length === 0) return;
    // Spend the ledger has not seen: it counts toward the budgets until it is flushed.
    for (const d of claimed.debits) this.budget.spend(d.team, d.usd);
    const debits = this.outbox.restore(claimed.debits);
    const events = this.audit.restore(claimed.events);
    // What the queues have no room for stays in the spool, for the start after this one.
    await this.spool.append({ debits, events });
    this.replay = { debits: claimed.debits.length - debits.length, events: claimed.events.length - events.length, files: claimed.files };
    this.logger.log('warn', 'replaying the debits and audit events the last shutdown handed over', { file: this.spool.file, ...this.replay, files: claimed.files.length, keptForNextStart: debits.length + events.length });
    // Nothing made it into the queues (all kept for the next start): the claimed files can go now.
    this.replayed('debits', 0);
  }

  /** Counts replayed records off the head of a queue; once none is left, their files go. */
  private replayed(kind: 'debits' | 'events', n: number): void {
    const replay = this.replay;
    if (!replay) return;
    replay[kind] -= n;
    if (replay.debits > 0 || replay.events > 0) return;
    this.replay = undefined;
    void this.release(replay.files);
  }

  private async release(files: readonly string[]): Promise<void> {
    try {
      await this.spool!.release(files);
    } catch (e) {
      this.logger.log('error', 'cannot delete a replayed spool file; the next start sends its records again (the ledger ignores repeated ids)', { error: (e as Error).message });
    }
  }

  private async open(): Promise<void> {
    await this.replaySpool();
    const { server } = this.current.config;
    const metricsHere = server.adminPort === undefined;
    ({ server: this.server, connections: this.connections } = createGatewayServer({
      runtime: () => this.current,
      services: this.services,
      draining: () => this.isDraining,
      closing: () => this.closing,
      ready: () => this.started && !this.isDraining,
      metricsHere,
      metrics: () => this.scrape(),
      active: this.active,
    }));
    await listen(this.server, server.port, server.host, 'the main listener (server.port)');
    this.listening.push(this.server);
    if (!metricsHere) {
      this.admin = createAdminServer({ metrics: () => this.scrape() });
      await listen(this.admin, server.adminPort!, server.host, 'the admin listener (server.adminPort)');
      this.listening.push(this.admin);
    }
    await this.budget.start();
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
