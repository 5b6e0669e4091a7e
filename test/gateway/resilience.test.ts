import { afterEach, describe, expect, it } from 'vitest';
import type { ConfigInput } from '../../src/integrations/gateway/config/schema.js';
import { ManualClock } from '../support/manualClock.js';
import { ask, startStack, type Stack } from './stack.js';

// gpt-4o-mini goes to provider-b first and falls back to provider-a: one chain, no weights.
const MINI = 'gpt-4o-mini';

function tuned(patch: Partial<ConfigInput>) {
  return (base: ConfigInput): ConfigInput => ({ ...base, ...patch });
}

describe('routing and resilience, proven by the metrics they move', () => {
  let stack: Stack | undefined;
  afterEach(async () => {
    await stack?.close();
    stack = undefined;
  });

  it('retries a failing provider once, then falls back to the next one and answers 200', async () => {
    stack = await startStack({ faultsB: { errorRate: 1 }, config: tuned({ retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 50 } }) });
    const answer = await stack.chat(ask(MINI));
    expect(answer.status).toBe(200);
    const m = await stack.metrics();
    expect(m.sum('gateway_provider_attempts_total', { provider: 'provider-b', attempt: 'primary', outcome: 'error' })).toBe(1);
    expect(m.sum('gateway_provider_attempts_total', { provider: 'provider-b', attempt: 'retry', outcome: 'error' })).toBe(1);
    expect(m.sum('gateway_provider_attempts_total', { provider: 'provider-a', attempt: 'fallback', outcome: 'success' })).toBe(1);
    expect(m.sum('gateway_fallbacks_total', { provider: 'provider-b', fallback_provider: 'provider-a', reason: 'error' })).toBe(1);
    expect(m.sum('gateway_requests_total', { code: '200', provider: 'provider-a', model: MINI })).toBe(1);
    expect(stack.providerB.stats().requests).toBe(2);
  });

  it('waits the retry-after a provider asks for when it is short, and falls back at once when it is longer than allowed', async () => {
    stack = await startStack({ faultsB: { rateLimitRate: 1, retryAfterSeconds: 0.3 }, config: tuned({ retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1000 } }) });
    const started = performance.now();
    expect((await stack.chat(ask(MINI))).status).toBe(200);
    // A lower bound only: it waited at least the 0.3 s asked for.
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    let m = await stack.metrics();
    expect(m.sum('gateway_provider_attempts_total', { provider: 'provider-b', outcome: 'rate_limited' })).toBe(2);
    expect(m.sum('gateway_fallbacks_total', { provider: 'provider-b', reason: 'rate_limited' })).toBe(1);

    // An hour: a gateway that waited it out would hold the request past any test deadline.
    stack.providerB.setFaults({ retryAfterSeconds: 3600 });
    expect((await stack.chat(ask(MINI))).status).toBe(200);
    m = await stack.metrics();
    // No retry: the one extra rate-limited attempt is the primary of the second request, and it fell back.
    expect(m.sum('gateway_provider_attempts_total', { provider: 'provider-b', outcome: 'rate_limited' })).toBe(3);
    expect(m.sum('gateway_fallbacks_total', { provider: 'provider-b', reason: 'rate_limited' })).toBe(2);
  });

  it('opens a credential circuit after consecutive failures, skips it while open, probes it half-open and closes it on success', async () => {
    // The circuits' clock moves only when the test says: open stays open however slow the machine.
    const clock = new ManualClock();
    stack = await startStack({
      faultsB: { errorRate: 1 },
      config: tuned({ retry: { maxAttempts: 1 }, circuit: { failureThreshold: 3, openMs: 400, halfOpenProbes: 1 } }),
      circuitTimers: clock,
    });
    const state = async () => (await stack!.metrics()).sum('gateway_circuit_state', { provider: 'provider-b', credential: 'default' });
    expect(await state()).toBe(0);
    for (let i = 0; i < 3; i++) expect((await stack.chat(ask(MINI))).status).toBe(200);
    expect(await state()).toBe(2);

    // Open: provider-b is not even tried.
    const before = stack.providerB.stats().requests;
    expect((await stack.chat(ask(MINI))).status).toBe(200);
    expect(stack.providerB.stats().requests).toBe(before);
    let m = await stack.metrics();
    expect(m.sum('gateway_provider_attempts_total', { provider: 'provider-b', outcome: 'circuit_open' })).toBe(1);
    expect(m.sum('gateway_fallbacks_total', { provider: 'provider-b', reason: 'circuit_open' })).toBe(1);

    clock.advance(399);
    expect(await state()).toBe(2);
    clock.advance(1);
    expect(await state()).toBe(1);
    stack.providerB.setFaults({ errorRate: 0 });
    expect((await stack.chat(ask(MINI))).status).toBe(200);
    expect(await state()).toBe(0);
    m = await stack.metrics();
    expect(m.sum('gateway_requests_total', { provider: 'provider-b', code: '200' })).toBe(1);
  });

  it('reopens a half-open circuit when its probe fails', async () => {
    const clock = new ManualClock();
    stack = await startStack({ faultsB: { errorRate: 1 }, config: tuned({ retry: { maxAttempts: 1 }, circuit: { failureThreshold: 1, openMs: 200, halfOpenProbes: 1 } }), circuitTimers: clock });
    const state = async () => (await stack!.metrics()).sum('gateway_circuit_state', { provider: 'provider-b' });
    await stack.chat(ask(MINI));
    expect(await state()).toBe(2);
    clock.advance(200);
    expect(await state()).toBe(1);
    await stack.chat(ask(MINI));
    expect(await state()).toBe(2);
  });

  it('rotates over a provider credentials and keeps serving on the second when the first one is refused and its circuit opens', async () => {
    process.env.LOOKOUT_TEST_KEY_PRIMARY = 'revoked-key';
    process.env.LOOKOUT_TEST_KEY_SECONDARY = 'good-key';
    stack = await startStack({
      mockA: { requireKey: 'good-key' },
      config: (base) => ({
        ...base,
        retry: { maxAttempts: 2, baseDelayMs: 1 },
        circuit: { failureThreshold: 2, openMs: 60_000 },
        providers: base.providers.map((p) =>
          p.name === 'provider-a' ? { ...p, credentials: [{ name: 'primary', apiKeyEnv: 'LOOKOUT_TEST_KEY_PRIMARY' }, { name: 'secondary', apiKeyEnv: 'LOOKOUT_TEST_KEY_SECONDARY' }] } : p,
        ),
      }),
    });
    for (let i = 0; i < 6; i++) expect((await stack.chat(ask('claude-sonnet'))).status).toBe(200);
    const m = await stack.metrics();
    expect(m.sum('gateway_circuit_state', { provider: 'provider-a', credential: 'primary' })).toBe(2);
    expect(m.sum('gateway_circuit_state', { provider: 'provider-a', credential: 'secondary' })).toBe(0);
    // The revoked key failed twice (opening its circuit); every request was answered by provider-a.
    expect(m.sum('gateway_provider_attempts_total', { provider: 'provider-a', outcome: 'error' })).toBe(2);
    expect(m.sum('gateway_requests_total', { provider: 'provider-a', code: '200' })).toBe(6);
  });

  it('times out a provider that does not answer, counts the timeout, and answers 504 when every provider times out', async () => {
    stack = await startStack({
      faultsA: { timeoutRate: 1 },
      faultsB: { timeoutRate: 1 },
      config: (base) => ({ ...base, retry: { maxAttempts: 1 }, providers: base.providers.map((p) => ({ ...p, timeoutMs: 150 })) }),
    });
    const answer = await stack.chat(ask(MINI));
    expect(answer.status).toBe(504);
    expect(answer.json().error.code).toBe('upstream_timeout');
    const m = await stack.metrics();
    expect(m.sum('gateway_provider_attempts_total', { outcome: 'timeout' })).toBe(2);
    expect(m.sum('gateway_fallbacks_total', { provider: 'provider-b', fallback_provider: 'provider-a', reason: 'timeout' })).toBe(1);
    expect(m.sum('gateway_requests_total', { code: '504' })).toBe(1);
  });

  it('counts a reset connection as a connection error and answers 502 when no provider is left', async () => {
    stack = await startStack({ faultsA: { resetRate: 1 }, faultsB: { resetRate: 1 }, config: tuned({ retry: { maxAttempts: 1 } }) });
    const answer = await stack.chat(ask(MINI));
    expect(answer.status).toBe(502);
    expect(answer.json().error.type).toBe('upstream_error');
    const m = await stack.metrics();
    expect(m.sum('gateway_provider_attempts_total', { outcome: 'connection_error' })).toBe(2);
  });

  it('answers 503 with retry-after when every circuit is open', async () => {
    stack = await startStack({ faultsA: { errorRate: 1 }, faultsB: { errorRate: 1 }, config: tuned({ retry: { maxAttempts: 1 }, circuit: { failureThreshold: 1, openMs: 60_000 } }) });
    // Two requests open provider-b and both of provider-a's credentials.
    await stack.chat(ask(MINI));
    await stack.chat(ask(MINI));
    const answer = await stack.chat(ask(MINI));
    expect(answer.status).toBe(503);
    expect(answer.headers['retry-after']).toBeDefined();
    expect(answer.json().error.code).toBe('circuit_open');
  });

  it('spreads gpt-4o over its two targets by weight, about three to one', async () => {
    stack = await startStack();
    for (let i = 0; i < 200; i++) await stack.chat(ask('gpt-4o'));
    const a = stack.providerA.stats().requests;
    expect(a + stack.providerB.stats().requests).toBe(200);
    expect(a).toBeGreaterThan(120);
    expect(a).toBeLessThan(180);
  });
});
