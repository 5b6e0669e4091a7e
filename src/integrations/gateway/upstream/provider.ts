import { readFileSync } from 'node:fs';
import { Pool } from 'undici';
import type { ProviderConfig, GatewayConfig } from '../config/schema.js';
import type { GatewayInstruments } from '../metrics.js';
import { Circuit } from './circuit.js';
import type { Timers } from '../timers.js';

/** One upstream credential: its key (never logged) and its own circuit breaker. */
export interface Credential {
  readonly name: string;
  readonly authorization: string | undefined;
  readonly circuit: Circuit;
}

/**
 * A configured provider at run time: one connection pool to its origin and its credentials.
 * Requests rotate over the credentials whose circuit lets them through.
 */
export class Provider {
  readonly pool: Pool;
  readonly basePath: string;
  readonly credentials: readonly Credential[];
  private next = 0;

  constructor(
    readonly config: ProviderConfig,
    circuit: GatewayConfig['circuit'],
    metrics: GatewayInstruments,
    /** The circuits' timers; the global ones unless a test moves time by hand. */
    timers?: Timers,
  ) {
    const url = new URL(config.baseUrl);
    this.basePath = url.pathname.replace(/\/+$/, '');
    this.pool = new Pool(url.origin, {
      connections: config.maxConnections,
      keepAliveTimeout: 30_000,
      headersTimeout: config.timeoutMs,
      bodyTimeout: config.idleTimeoutMs,
    });
    this.credentials = config.credentials.map((c) => {
      const key = apiKey(config.name, c);
      return { name: c.name, authorization: key && `Bearer ${key}`, circuit: new Circuit(config.name, c.name, circuit, metrics, timers) };
    });
  }

  get name(): string {
    return this.config.name;
  }

  /** A credential whose circuit admits one more attempt, and the slot it holds; undefined when all refuse. */
  acquire(): { credential: Credential; slot: 'pass' | 'probe' } | undefined {
    for (let i = 0; i < this.credentials.length; i++) {
      const credential = this.credentials[(this.next + i) % this.credentials.length]!;
      const slot = credential.circuit.tryAcquire();
      if (slot !== 'refused') {
        this.next = (this.next + i + 1) % this.credentials.length;
        return { credential, slot };
      }
    }
    return undefined;
  }

  /** Open connections to the provider, idle ones included. */
  connections(): number {
    return this.pool.stats.connected;
  }

  async close(): Promise<void> {
    for (const c of this.credentials) c.circuit.dispose();
    await this.pool.close();
  }
}

// Read once when the config is applied: a missing key fails the load, not the first request.
function apiKey(provider: string, c: { name: string; apiKeyEnv?: string | undefined; apiKeyFile?: string | undefined }): string | undefined {
  if (c.apiKeyEnv !== undefined) {
    const value = process.env[c.apiKeyEnv];
    if (!value) throw new Error(`providers.${provider}.credentials.${c.name}.apiKeyEnv: environment variable ${c.apiKeyEnv} is not set`);
    return value;
  }
  if (c.apiKeyFile !== undefined) {
    try {
      return readFileSync(c.apiKeyFile, 'utf8').trim();
    } catch (e) {
      throw new Error(`providers.${provider}.credentials.${c.name}.apiKeyFile: cannot read ${c.apiKeyFile} (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }
  return undefined;
}
