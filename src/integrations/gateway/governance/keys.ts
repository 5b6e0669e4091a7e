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
 * Virtual API keys, looked up through two tiers: l1, a small in-process cache of recent
 * lookups with a TTL, and l2, the full key index by SHA-256 (in a fleet, the shared cache in
 * front of the control plane). A key found in neither is refused; keys are never stored in
 * clear beyond the l1 entries of keys in recent use.
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

  /**
   * The key behind an `Authorization: Bearer ...` header, or undefined. l1 is keyed by the
   * header itself, so a cached key costs neither the parse nor the SHA-256.
   */
  authenticate(header: string | undefined, now = Date.now()): VirtualKey | undefined {
    if (header === undefined) return undefined;
    const cached = this.l1.get(header);
    if (cached && cached.until > now) {
      // Re-inserting keeps Map order as least-recently-used first.
      this.l1.delete(header);
      this.l1.set(header, cached);
      this.metrics.authCacheHits.inc({ tier: 'l1' });
      return cached.key;
    }
    this.metrics.authCacheMisses.inc({ tier: 'l1' });
    const match = /^Bearer\s+(\S{1,512})\s*$/i.exec(header);
    const key = match ? this.index.get(hashKey(match[1]!)) : undefined;
    if (!key) {
      this.metrics.authCacheMisses.inc({ tier: 'l2' });
      return undefined;
    }
    this.metrics.authCacheHits.inc({ tier: 'l2' });
    this.l1.delete(header);
    this.l1.set(header, { key, until: now + this.cache.cacheTtlMs });
    if (this.l1.size > this.cache.cacheSize) this.l1.delete(this.l1.keys().next().value!);
    return key;
  }
}
