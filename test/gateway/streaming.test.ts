import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { WAIT } from '../support/timeouts.js';
import { ask, eventually, startStack, type Stack } from './stack.js';

const stream = (extra: Record<string, unknown> = {}) => ask('gpt-4o-mini', 'tell me', { stream: true, ...extra });

describe('streaming: usage extraction, time to first token, inter-token latency, broken streams', () => {
  let stack: Stack | undefined;
  afterEach(async () => {
    await stack?.close();
    stack = undefined;
  });

  it('asks the provider for usage on every stream and records tokens and cost from its usage chunk', async () => {
    stack = await startStack();
    const answer = await stack.chat(stream({ max_tokens: 5 }));
    expect(answer.status).toBe(200);
    expect(stack.providerB.stats().includeUsage).toBe(1);
    const m = await stack.metrics();
    expect(m.sum('gateway_tokens_total', { direction: 'output', provider: 'provider-b', model: 'gpt-4o-mini', team: 'search' })).toBe(5);
    expect(m.sum('gateway_cost_usd_total', { provider: 'provider-b' })).toBeGreaterThan(0);
    expect(m.sum('gateway_requests_total', { stream: 'true', code: '200' })).toBe(1);
  });

  it('counts a stream that ends without usage, and records no tokens or cost for it', async () => {
    stack = await startStack({ faultsB: { omitUsageRate: 1 } });
    const answer = await stack.chat(stream({ stream_options: { include_usage: true } }));
    expect(answer.status).toBe(200);
    expect(answer.text.endsWith('data: [DONE]\n\n')).toBe(true);
    const m = await stack.metrics();
    expect(m.sum('gateway_streaming_usage_missing_total', { provider: 'provider-b', model: 'gpt-4o-mini' })).toBe(1);
    expect(m.sum('gateway_tokens_total')).toBe(0);
    expect(m.sum('gateway_cost_usd_total')).toBe(0);
  });

  it('measures time to first content token once per stream and the gap before every later content chunk', async () => {
    stack = await startStack({ faultsB: { firstChunkDelayMs: 120, streamChunkDelayMs: 25, completionTokens: 6 } });
    await stack.chat(stream());
    const m = await stack.metrics();
    expect(m.sum('gateway_time_to_first_token_seconds_count', { provider: 'provider-b', model: 'gpt-4o-mini' })).toBe(1);
    const ttft = m.sum('gateway_time_to_first_token_seconds_sum');
    expect(ttft).toBeGreaterThanOrEqual(0.12);
    expect(m.sum('gateway_inter_token_latency_seconds_count', { provider: 'provider-b' })).toBe(5);
    expect(m.sum('gateway_inter_token_latency_seconds_sum') / 5).toBeGreaterThanOrEqual(0.02);
    // Every gap is at least 25 ms, so none falls in the 10 ms bucket.
    expect(m.sum('gateway_inter_token_latency_seconds_bucket', { le: '0.01' })).toBe(0);
  });

  it('forwards chunks as they come rather than after the whole stream', async () => {
    stack = await startStack({ faultsB: { streamChunkDelayMs: 100, completionTokens: 4 } });
    const started = performance.now();
    const res = await request(`${stack.gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer sk-lookout-search' },
      body: JSON.stringify(stream()),
    });
    let firstContentAt: number | undefined;
    for await (const chunk of res.body) {
      if (firstContentAt === undefined && String(chunk).includes('"content":"')) firstContentAt = performance.now() - started;
    }
    const total = performance.now() - started;
    // Lower bounds only, which a slow machine can only make longer: four chunks 100 ms apart,
    // and the first of them in the client's hands at least three delays before the end.
    expect(total).toBeGreaterThanOrEqual(400);
    expect(total - firstContentAt!).toBeGreaterThanOrEqual(250);
  });

  it('ends a stream the provider cuts off with an error event and counts the request as 502', async () => {
    stack = await startStack({ faultsB: { streamAbortRate: 1 } });
    const answer = await stack.chat(stream());
    expect(answer.status).toBe(200);
    const events = answer.text.split('\n\n').filter(Boolean);
    expect(JSON.parse(events.at(-1)!.slice(6)).error.code).toBe('upstream_stream_interrupted');
    const m = await stack.metrics();
    expect(m.sum('gateway_requests_total', { stream: 'true', code: '502' })).toBe(1);
    expect(m.sum('gateway_streaming_usage_missing_total')).toBe(0);
  });

  it('falls back before the first byte: a stream whose primary fails is served by the fallback', async () => {
    stack = await startStack({ faultsB: { errorRate: 1 } });
    const answer = await stack.chat(stream());
    expect(answer.status).toBe(200);
    expect(answer.text.endsWith('data: [DONE]\n\n')).toBe(true);
    const m = await stack.metrics();
    expect(m.sum('gateway_requests_total', { stream: 'true', code: '200', provider: 'provider-a' })).toBe(1);
    expect(m.sum('gateway_fallbacks_total', { provider: 'provider-b', fallback_provider: 'provider-a' })).toBe(1);
  });

  it('counts a client that leaves mid-stream as 499 and stops reading the provider', async () => {
    stack = await startStack({ faultsB: { streamChunkDelayMs: 50, completionTokens: 40 } });
    const controller = new AbortController();
    const res = await request(`${stack.gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer sk-lookout-search' },
      body: JSON.stringify(stream()),
      signal: controller.signal,
    });
    res.body.once('data', () => controller.abort());
    await new Promise((resolve) => res.body.once('error', resolve).once('close', resolve));
    await eventually(async () => (await stack!.metrics()).sum('gateway_requests_total', { code: '499' }) === 1, WAIT.local, 'the 499');
    expect((await stack.metrics()).sum('gateway_in_flight_requests')).toBe(0);
  });
});
