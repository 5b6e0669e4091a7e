import type { GatewayConfig, Limits } from '../config/schema.js';
import type { GatewayInstruments } from '../metrics.js';
import type { VirtualKey } from './keys.js';

/**
 * A token bucket holding up to a minute's allowance, refilled continuously. Its level stays
 * between empty and full: a request takes at most a full bucket, however many tokens it may
 * use, and usage settled after the fact can empty the bucket but not put it in debt. So no
 * request waits longer than one refill (60 s), and one request, however large, cannot stall
 * the others for longer than that.
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

  /** What a request of `amount` takes from this bucket at admission: never more than it holds when full. */
  share(amount: number): number {
    return Math.min(amount, this.perMinute);
  }

  /** Seconds until `amount` is available, 0 when it is available now; at most 60. */
  wait(amount: number, now: number): number {
    this.refill(now);
    const needed = this.share(amount) - this.level;
    return needed <= 0 ? 0 : (needed / this.perMinute) * 60;
  }

  take(amount: number): void {
    this.level -= this.share(amount);
  }

  /** Charges `used` tokens for a request that took its share of `estimated` at admission. */
  settle(estimated: number, used: number, now: number): void {
    this.refill(now);
    this.level = Math.min(this.perMinute, Math.max(0, this.level + this.share(estimated) - used));
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
 * Per-key and per-team limits on requests and tokens per minute. Tokens are the request's
 * worst case at admission (prompt bound plus n × its completion limit), capped at each
 * bucket's size, and settled from the provider's usage when the response ends. A request is
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

  /** Gives back what the estimate took at admission and charges the tokens used instead. */
  settle(key: VirtualKey, estimatedTokens: number, usedTokens: number, now = Date.now()): void {
    if (usedTokens === estimatedTokens) return;
    for (const check of this.checks(key, now)) if (check.limit === 'tokens') check.bucket.settle(estimatedTokens, usedTokens, now);
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
