import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ask, startStack, type Stack } from './stack.js';

describe('the gateway serves OpenAI-compatible chat completions', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  it('starts every attempt kind and outcome of each configured provider at 0, so rate() sees the first failures', async () => {
    const fresh = await startStack();
    try {
      const m = await fresh.metrics();
      for (const provider of ['provider-a', 'provider-b']) {
        for (const attempt of ['primary', 'retry', 'fallback']) {
          for (const outcome of ['success', 'error', 'timeout', 'rate_limited', 'connection_error', 'circuit_open']) {
            expect(m.has('gateway_provider_attempts_total', { provider, attempt, outcome }), `${provider} ${attempt} ${outcome}`).toBe(true);
          }
        }
      }
      expect(m.sum('gateway_provider_attempts_total')).toBe(0);
    } finally {
      await fresh.close();
    }
  });

  it('answers a non-streaming request with the provider completion and counts it with its team, model and provider', async () => {
    const answer = await stack.chat(ask('gpt-4o-mini'));
    expect(answer.status).toBe(200);
    const body = answer.json();
    expect(body.object).toBe('chat.completion');
    expect(body.choices[0].message.content.length).toBeGreaterThan(0);
    expect(answer.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const m = await stack.metrics();
    expect(m.sum('gateway_requests_total', { route: 'chat_completions', code: '200', provider: 'provider-b', model: 'gpt-4o-mini', team: 'search', stream: 'false' })).toBe(1);
    expect(m.sum('gateway_tokens_total', { direction: 'output', provider: 'provider-b', team: 'search' })).toBe(body.usage.completion_tokens);
    expect(m.sum('gateway_cost_usd_total', { team: 'search' })).toBeCloseTo((body.usage.prompt_tokens * 0.15 + body.usage.completion_tokens * 0.6) / 1e6, 12);
    expect(m.sum('gateway_provider_attempts_total', { provider: 'provider-b', attempt: 'primary', outcome: 'success' })).toBe(1);
  });

  it('streams server-sent events that end with [DONE] and carry the usage chunk only when the client asked for it', async () => {
    const withUsage = await stack.chat(ask('gpt-4o', 'hi', { stream: true, stream_options: { include_usage: true } }));
    expect(withUsage.status).toBe(200);
    expect(withUsage.headers['content-type']).toMatch(/^text\/event-stream/);
    const events = withUsage.text.split('\n\n').filter(Boolean);
    expect(events.at(-1)).toBe('data: [DONE]');
    const usageChunk = JSON.parse(events.at(-2)!.slice(6));
    expect(usageChunk.choices).toEqual([]);
    expect(usageChunk.usage.completion_tokens).toBe(16);

    const without = await stack.chat(ask('gpt-4o', 'hi', { stream: true }));
    expect(without.text).not.toMatch(/"usage":\{/);
    // The gateway asked upstream for usage anyway, so the stream was still accounted for.
    const m = await stack.metrics();
    expect(m.sum('gateway_tokens_total', { direction: 'output', model: 'gpt-4o', team: 'search' })).toBe(32);
    expect(m.sum('gateway_streaming_usage_missing_total')).toBe(0);
  });

  it('lists its configured models and refuses the list without a key', async () => {
    const res = await request(`${stack.gateway.url}/v1/models`, { headers: { authorization: 'Bearer sk-lookout-support' } });
    const body = (await res.body.json()) as { data: { id: string }[] };
    expect(body.data.map((m) => m.id)).toEqual(['gpt-4o', 'gpt-4o-mini', 'claude-sonnet']);
    const refused = await request(`${stack.gateway.url}/v1/models`);
    expect(refused.statusCode).toBe(401);
    await refused.body.dump();
  });

  it('answers 401 in OpenAI error shape for a missing or unknown key and counts the team as none', async () => {
    for (const key of [null, 'sk-not-a-key']) {
      const answer = await stack.chat(ask(), { key });
      expect(answer.status).toBe(401);
      expect(answer.json().error).toMatchObject({ type: 'invalid_request_error', code: 'invalid_api_key' });
    }
    const m = await stack.metrics();
    expect(m.sum('gateway_requests_total', { route: 'chat_completions', code: '401', team: 'none' })).toBe(2);
    // Only the unknown key was looked up; a missing one never reaches the key cache.
    expect(m.sum('gateway_auth_cache_misses_total', { tier: 'l2' })).toBe(1);
  });

  it('answers an unknown model with 404 model_not_found and folds its name into the model label "other"', async () => {
    const answer = await stack.chat(ask('no-such-model'));
    expect(answer.status).toBe(404);
    expect(answer.json().error.code).toBe('model_not_found');
    const m = await stack.metrics();
    expect(m.sum('gateway_requests_total', { code: '404', model: 'other' })).toBe(1);
    expect(m.has('gateway_requests_total', { model: 'no-such-model' })).toBe(false);
  });

  it('keeps a safe x-request-id from the client and replaces a hostile one', async () => {
    const kept = await stack.chat(ask(), { headers: { 'x-request-id': 'trace-123.abc' } });
    expect(kept.headers['x-request-id']).toBe('trace-123.abc');
    const replaced = await stack.chat(ask(), { headers: { 'x-request-id': 'a b<script>' } });
    expect(replaced.headers['x-request-id']).not.toContain('<');
  });

  it('reports health and readiness, and serves /metrics with build info and the config reload timestamp set', async () => {
    for (const path of ['/healthz', '/readyz']) {
      const res = await request(`${stack.gateway.url}${path}`);
      expect(res.statusCode).toBe(200);
      await res.body.dump();
    }
    const m = await stack.metrics();
    expect(m.sum('gateway_build_info')).toBe(1);
    expect(m.sum('gateway_config_last_reload_successful')).toBe(1);
    expect(m.sum('gateway_config_last_reload_success_timestamp_seconds')).toBeGreaterThan(Date.now() / 1000 - 600);
    expect(m.sum('gateway_budget_outbox_capacity')).toBe(10_000);
  });
});
