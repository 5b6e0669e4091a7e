import type { GatewayConfig, Limits } from '../config/schema.js';
import type { GatewayInstruments } from '../metrics.js';
import type { VirtualKey } from './keys.js';

/**
 * A token bucket holding up to a minute's allowance, refilled continuously. Its level may go
 * below zero when usage is settled after the fact: a request that used more tokens than
 * estimated is paid for by the next ones.
 */
class Bucket {
  private level: number;
  private updated: number;

  constructor(
    private readonly perMinute: number,
    now: number,
  ) {
    this.level = perMinute;
    this.updated = now;
  }

  private refill(now: number): void {
    this.level = Math.min(this.perMinute, this.level + ((now - this.updated) / 60_000) * this.perMinute);
    this.updated = now;
  }

  /** Seconds until `amount` is available, 0 when it is available now. */
  wait(amount: number, now: number): number {
    this.refill(now);
    const needed = Math.min(amount, this.perMinute) - this.level;
    return needed <= 0 ? 0 : (needed / this.perMinute) * 60;
  }

  take(amount: number): void {
    this.level -= amount;
  }

  settle(delta: number, now: number): void {
    this.refill(now);
    this.level -= delta;
  }
}

export type Admission = { admitted: true; tokens: number } | { admitted: false; scope: 'key' | 'team'; limit: 'requests' | 'tokens'; retryAfter: number };

/** One bucket a key's requests draw from: a request costs 1 of a requests bucket, its tokens of a tokens bucket. */
interface Check {
  readonly scope: 'key' | 'team';
  readonly limit: 'requests' | 'tokens';
  readonly bucket: Bucket;
}

/**
 * Per-key and per-team limits on requests and tokens per minute. Tokens are estimated at
 * admission and settled from the provider's usage when the response ends. A request is
 * admitted only if every bucket it draws from can pay, so a refusal takes nothing.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly plans = new WeakMap<VirtualKey, readonly Check[]>();
  private readonly teamLimits: ReadonlyMap<string, Limits | undefined>;

  constructor(
    teams: GatewayConfig['teams'],
    private readonly metrics: GatewayInstruments,
  ) {
    this.teamLimits = new Map(teams.map((t) => [t.name, t.limits]));
  }

  admit(key: VirtualKey, estimatedTokens: number, teamLabel: string, now = Date.now()): Admission {
    const checks = this.checks(key, now);
    for (const check of checks) {
      const wait = check.bucket.wait(check.limit === 'tokens' ? estimatedTokens : 1, now);
      if (wait > 0) {
        this.metrics.rateLimitRejections.inc({ scope: check.scope, limit: check.limit, team: teamLabel });
        return { admitted: false, scope: check.scope, limit: check.limit, retryAfter: wait };
      }
    }
    for (const check of checks) check.bucket.take(check.limit === 'tokens' ? estimatedTokens : 1);
    return { admitted: true, tokens: estimatedTokens };
  }

  /** Charges the difference between the tokens used and the estimate taken at admission. */
  settle(key: VirtualKey, estimatedTokens: number, usedTokens: number, now = Date.now()): void {
    const delta = usedTokens - estimatedTokens;
    if (delta === 0) return;
    for (const check of this.checks(key, now)) if (check.limit === 'tokens') check.bucket.settle(delta, now);
  }

  // The buckets a key draws from never change for a runtime: found once per key.
  private checks(key: VirtualKey, now: number): readonly Check[] {
    let plan = this.plans.get(key);
    if (!plan) {
      const checks: Check[] = [];
      const add = (scope: 'key' | 'team', id: string, limits: Limits | undefined) => {
        if (limits?.requestsPerMinute) checks.push({ scope, limit: 'requests', bucket: this.bucket(`${scope}:${id}:r`, limits.requestsPerMinute, now) });
        if (limits?.tokensPerMinute) checks.push({ scope, limit: 'tokens', bucket: this.bucket(`${scope}:${id}:t`, limits.tokensPerMinute, now) });
      };
      add('key', key.id, key.limits);
      add('team', key.team, this.teamLimits.get(key.team));
      this.plans.set(key, (plan = checks));
    }
    return plan;
  }

  private bucket(id: string, perMinute: number, now: number): Bucket {
    let bucket = this.buckets.get(id);
    if (!bucket) this.buckets.set(id, (bucket = new Bucket(perMinute, now)));
    return bucket;
  }
}
