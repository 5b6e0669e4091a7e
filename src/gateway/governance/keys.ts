import { createHash } from 'node:crypto';
import type { GatewayConfig, Limits } from '../config/schema.js';
import type { GatewayInstruments } from '../metrics.js';

/** What a virtual key grants: its id (safe to log) and team, and its own limits. */
export interface VirtualKey {
  readonly id: string;
  readonly team: string;
  readonly limits: Limits | undefined;
}

/** The hex SHA-256 a config stores instead of a key. */
export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/**
 * Virtual API keys, looked up by hash through two tiers: l1, a small in-process cache of
 * recent lookups with a TTL, and l2, the full key index (in a fleet, the shared cache in
 * front of the control plane). A key found in neither is refused.
 */
export class KeyStore {
  private readonly index: ReadonlyMap<string, VirtualKey>;
  private readonly l1 = new Map<string, { key: VirtualKey; until: number }>();

  constructor(
    keys: GatewayConfig['keys'],
    private readonly cache: GatewayConfig['auth'],
    private readonly metrics: GatewayInstruments,
  ) {
    this.index = new Map(keys.map((k) => [k.sha256, { id: k.id, team: k.team, limits: k.limits }]));
  }

  /** The key behind an `Authorization: Bearer ...` header, or undefined. */
  authenticate(header: string | undefined): VirtualKey | undefined {
    if (header === undefined) return undefined;
    const match = /^Bearer\s+(\S{1,512})\s*$/i.exec(header);
    if (!match) return undefined;
    return this.lookup(hashKey(match[1]!));
  }

  private lookup(hash: string, now = Date.now()): VirtualKey | undefined {
    const cached = this.l1.get(hash);
    if (cached && cached.until > now) {
      // Re-inserting keeps Map order as least-recently-used first.
      this.l1.delete(hash);
      this.l1.set(hash, cached);
      this.metrics.authCacheHits.inc({ tier: 'l1' });
      return cached.key;
    }
    this.metrics.authCacheMisses.inc({ tier: 'l1' });
    const key = this.index.get(hash);
    if (!key) {
      this.metrics.authCacheMisses.inc({ tier: 'l2' });
      return undefined;
    }
    this.metrics.authCacheHits.inc({ tier: 'l2' });
    this.l1.delete(hash);
    this.l1.set(hash, { key, until: now + this.cache.cacheTtlMs });
    if (this.l1.size > this.cache.cacheSize) this.l1.delete(this.l1.keys().next().value!);
    return key;
  }
}
