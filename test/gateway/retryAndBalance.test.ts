import { describe, expect, it } from 'vitest';
import { silentInstruments } from '../../src/library/runtime.js';
import { RateLimiter } from '../../src/integrations/gateway/governance/rateLimit.js';
import { gateway } from '../../src/integrations/gateway/metrics.js';
import { attemptChain } from '../../src/integrations/gateway/upstream/balancer.js';
import { parseRetryAfter, retryDelayMs } from '../../src/integrations/gateway/upstream/retry.js';

describe('retry timing', () => {
  it('reads retry-after as seconds or as an HTTP date, and ignores what it cannot read', () => {
    const now = Date.parse('2026-11-23T12:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3);
    expect(parseRetryAfter('0.5', now)).toBe(0.5);
    expect(parseRetryAfter('Mon, 23 Nov 2026 12:00:10 GMT', now)).toBe(10);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });

  it('waits what the provider asked when it is within the limit, and gives up on the provider when it is not', () => {
    const settings = { baseDelayMs: 100, maxDelayMs: 2000 };
    expect(retryDelayMs(1, settings, 1.5)).toBe(1500);
    expect(retryDelayMs(1, settings, 3)).toBeUndefined();
  });

  it('backs off exponentially with full jitter, capped by the maximum', () => {
    const settings = { baseDelayMs: 100, maxDelayMs: 500 };
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, settings, undefined, () => 0.999))).toEqual([100, 200, 400, 500]);
    expect(retryDelayMs(3, settings, undefined, () => 0)).toBe(0);
  });
});

describe('the attempt chain', () => {
  const targets = [
    { provider: 'a', upstreamModel: 'm', weight: 3 },
    { provider: 'b', upstreamModel: 'm', weight: 1 },
  ];

  it('starts with the target the weighted draw picks, then the other targets, then the fallbacks', () => {
    expect(attemptChain(targets, [{ provider: 'c', upstreamModel: 'm2' }], () => 0.5).map((h) => h.provider)).toEqual(['a', 'b', 'c']);
    expect(attemptChain(targets, [{ provider: 'c', upstreamModel: 'm2' }], () => 0.8).map((h) => h.provider)).toEqual(['b', 'a', 'c']);
  });

  it('tries a provider and model pair once even when a fallback repeats a target, but keeps a different model on the same provider', () => {
    const chain = attemptChain(targets, [{ provider: 'a', upstreamModel: 'm' }, { provider: 'a', upstreamModel: 'cheap' }], () => 0);
    expect(chain).toEqual([
      { provider: 'a', upstreamModel: 'm' },
      { provider: 'b', upstreamModel: 'm' },
      { provider: 'a', upstreamModel: 'cheap' },
    ]);
  });
});

describe('token-aware rate limits', () => {
  const key = { id: 'k', team: 't', limits: { tokensPerMinute: 1000 } };
  const teams = [{ name: 't', limits: { requestsPerMinute: 100 } }];

  it('admits on the estimate, settles the difference from usage, and refuses until the bucket refills', () => {
    const limiter = new RateLimiter(teams, silentInstruments(gateway));
    const t0 = 1_000_000;
    expect(limiter.admit(key, 400, 't', t0).admitted).toBe(true);
    // The request used 900 tokens, 500 more than estimated: 100 are left.
    limiter.settle(key, 400, 900, t0);
    const refused = limiter.admit(key, 400, 't', t0);
    expect(refused).toMatchObject({ admitted: false, scope: 'key', limit: 'tokens' });
    // 300 more tokens take 18 s at 1000 a minute.
    expect(refused.admitted === false && refused.retryAfter).toBeCloseTo(18, 5);
    expect(limiter.admit(key, 400, 't', t0 + 18_000).admitted).toBe(true);
  });

  it('takes nothing from any bucket when one of them refuses', () => {
    const limiter = new RateLimiter([{ name: 't', limits: { requestsPerMinute: 1 } }], silentInstruments(gateway));
    const t0 = 5_000_000;
    expect(limiter.admit(key, 600, 't', t0).admitted).toBe(true);
    expect(limiter.admit(key, 100, 't', t0)).toMatchObject({ admitted: false, scope: 'team', limit: 'requests' });
    // The key's token bucket still holds the 400 the refused request did not take.
    expect(limiter.admit({ ...key, team: 'other' }, 400, 'other', t0).admitted).toBe(true);
  });
});
