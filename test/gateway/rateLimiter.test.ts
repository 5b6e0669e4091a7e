import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../src/integrations/gateway/governance/rateLimit.js';
import { gateway } from '../../src/integrations/gateway/metrics.js';
import { silentInstruments } from '../../src/library/runtime.js';

const key = { id: 'k', team: 't', limits: undefined };
const teams = [{ name: 't', limits: { tokensPerMinute: 10_000 } }];
/** The probe of issue 20: n = 16, max_tokens = 2^53 - 1. */
const HUGE = 16 * Number.MAX_SAFE_INTEGER;
const retryAfter = (a: ReturnType<RateLimiter['admit']>) => (a.admitted ? 0 : a.retryAfter);

describe('token limits a single request cannot stall', () => {
  it('lets a request larger than the whole allowance take at most the bucket, so the others wait one refill at most', () => {
    const limiter = new RateLimiter(teams, silentInstruments(gateway));
    const t0 = 1_000_000;
    expect(limiter.admit(key, HUGE, 't', t0).admitted).toBe(true);
    const other = limiter.admit(key, 500, 't', t0);
    expect(other).toMatchObject({ admitted: false, scope: 'team', limit: 'tokens' });
    // 500 tokens at 10,000 a minute: 3 s, not the 432,345,564,167 s of an unbounded debt.
    expect(retryAfter(other)).toBeCloseTo(3, 5);
    expect(limiter.admit(key, 500, 't', t0 + 3_000).admitted).toBe(true);
  });

  it('gives back what a large request did not use when it settles', () => {
    const limiter = new RateLimiter(teams, silentInstruments(gateway));
    const t0 = 2_000_000;
    expect(limiter.admit(key, HUGE, 't', t0).admitted).toBe(true);
    limiter.settle(key, HUGE, 2_000, t0);
    // 8,000 of the 10,000 are back at once.
    expect(limiter.admit(key, 8_000, 't', t0).admitted).toBe(true);
    expect(limiter.admit(key, 1, 't', t0).admitted).toBe(false);
  });

  it('charges real usage beyond the estimate, but never puts a bucket in debt: no wait passes 60 s', () => {
    const limiter = new RateLimiter(teams, silentInstruments(gateway));
    const t0 = 3_000_000;
    expect(limiter.admit(key, 1_000, 't', t0).admitted).toBe(true);
    // A provider billed far more than the request's worst case.
    limiter.settle(key, 1_000, 1_000_000, t0);
    const refused = limiter.admit(key, 10_000, 't', t0);
    expect(retryAfter(refused)).toBe(60);
    expect(retryAfter(limiter.admit(key, HUGE, 't', t0))).toBe(60);
    expect(limiter.admit(key, 10_000, 't', t0 + 60_000).admitted).toBe(true);
  });
});
