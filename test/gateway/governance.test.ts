import { afterEach, describe, expect, it } from 'vitest';
import type { ConfigInput } from '../../src/integrations/gateway/config/schema.js';
import { WAIT } from '../support/timeouts.js';
import { ask, eventually, startStack, type Stack } from './stack.js';

/** A gpt-4o request whose worst case is known: 16 completion tokens at most. */
const hi16 = ask('gpt-4o', 'hi', { max_tokens: 16 });

const fastLedger = (extra: Partial<NonNullable<ConfigInput['ledger']>> = {}) => (base: ConfigInput): ConfigInput => ({
  ...base,
  ledger: { ...base.ledger, flushIntervalMs: 30, timeoutMs: 300, ...extra },
});

describe('governance: keys, limits, budgets, the debit outbox, guardrails and audit events', () => {
  let stack: Stack | undefined;
  afterEach(async () => {
    await stack?.close();
    stack = undefined;
  });

  it('refuses a key over its requests-per-minute limit with 429 and a retry-after, counted by scope and limit', async () => {
    stack = await startStack({
      config: (base) => ({ ...base, keys: base.keys!.map((k) => (k.id === 'support-bot' ? { ...k, limits: { requestsPerMinute: 2 } } : k)) }),
    });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await stack.chat(ask(), { key: 'sk-lookout-support' })).status);
    expect(statuses).toEqual([200, 200, 429]);
    const refused = await stack.chat(ask(), { key: 'sk-lookout-support' });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(refused.json().error.code).toBe('rate_limit_exceeded');
    // Another team's key is not affected.
    expect((await stack.chat(ask())).status).toBe(200);
    const m = await stack.metrics();
    expect(m.sum('gateway_rate_limit_rejections_total', { scope: 'key', limit: 'requests', team: 'support' })).toBe(2);
    expect(m.sum('gateway_requests_total', { code: '429', team: 'support' })).toBe(2);
    expect(stack.providerA.stats().requests + stack.providerB.stats().requests).toBe(3);
  });

  it('limits a team by tokens, estimated from the prompt and max_tokens before the provider is asked', async () => {
    stack = await startStack({ config: (base) => ({ ...base, teams: base.teams!.map((t) => (t.name === 'finance' ? { ...t, limits: { tokensPerMinute: 300 } } : t)) }) });
    const big = ask('gpt-4o', 'count', { max_tokens: 250 });
    expect((await stack.chat(big, { key: 'sk-lookout-finance' })).status).toBe(200);
    expect((await stack.chat(big, { key: 'sk-lookout-finance' })).status).toBe(429);
    const m = await stack.metrics();
    expect(m.sum('gateway_rate_limit_rejections_total', { scope: 'team', limit: 'tokens', team: 'finance' })).toBe(1);
  });

  it('blocks a team whose budget is spent, after a live check against the ledger, with 403', async () => {
    // One gpt-4o completion of 16 tokens costs about $0.00016 and reserves its worst case,
    // about $0.00021, while it runs: the budget holds two, and not a third.
    stack = await startStack({
      budgets: { finance: 0.0005 },
      config: (base) => ({ ...fastLedger()(base), teams: base.teams!.map((t) => (t.name === 'finance' ? { ...t, budgetUsd: 0.0005 } : t)) }),
    });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await stack.chat(hi16, { key: 'sk-lookout-finance' })).status);
    expect(statuses).toEqual([200, 200, 403, 403]);
    const m = await stack.metrics();
    expect(m.sum('gateway_budget_blocks_total', { team: 'finance' })).toBe(2);
    expect(m.sum('gateway_budget_live_checks_total', { outcome: 'over_limit' })).toBe(2);
    expect(m.sum('gateway_requests_total', { code: '403', team: 'finance' })).toBe(2);
  });

  it('fails open to the cached budget estimate when the live check cannot reach the ledger', async () => {
    stack = await startStack({
      budgets: { finance: 0.0005 },
      config: (base) => ({ ...fastLedger()(base), teams: base.teams!.map((t) => (t.name === 'finance' ? { ...t, budgetUsd: 0.0005 } : t)) }),
    });
    expect((await stack.chat(hi16, { key: 'sk-lookout-finance' })).status).toBe(200);
    expect((await stack.chat(hi16, { key: 'sk-lookout-finance' })).status).toBe(200);
    stack.ledger.setFaults({ mode: 'down' });
    // Near the limit and the ledger answers 503: the estimate (over) decides.
    expect((await stack.chat(hi16, { key: 'sk-lookout-finance' })).status).toBe(403);
    const m = await stack.metrics();
    expect(m.sum('gateway_budget_live_checks_total', { outcome: 'transport_error' })).toBe(1);
  });

  it('keeps debits in the outbox through a ledger outage and delivers every one, once, when it is back', async () => {
    stack = await startStack({ config: fastLedger() });
    stack.ledger.setFaults({ mode: 'down' });
    for (let i = 0; i < 5; i++) expect((await stack.chat(ask())).status).toBe(200);
    await eventually(async () => (await stack!.metrics()).sum('gateway_budget_outbox_flush_failures_total', { reason: 'server_error' }) >= 2, WAIT.local, 'flush failures');
    let m = await stack.metrics();
    expect(m.sum('gateway_budget_outbox_depth')).toBe(5);
    expect(m.sum('gateway_budget_outbox_enqueued_total')).toBe(5);

    stack.ledger.setFaults({ mode: 'up' });
    await eventually(async () => (await stack!.metrics()).sum('gateway_budget_outbox_depth') === 0, WAIT.local, 'the outbox to drain');
    m = await stack.metrics();
    expect(m.sum('gateway_budget_outbox_flushed_total')).toBe(5);
    expect(m.sum('gateway_budget_outbox_dropped_total')).toBe(0);
    expect(stack.ledger.debits()).toHaveLength(5);
    expect(stack.ledger.summary().usdByTeam.search).toBeCloseTo(m.sum('gateway_cost_usd_total', { team: 'search' }), 12);
  });

  it('counts a flush that times out against a hanging ledger, and drops a batch the ledger rejects with a 4xx', async () => {
    stack = await startStack({ config: fastLedger({ timeoutMs: 100 }) });
    stack.ledger.setFaults({ mode: 'hang' });
    await stack.chat(ask());
    await eventually(async () => (await stack!.metrics()).sum('gateway_budget_outbox_flush_failures_total', { reason: 'timeout' }) >= 1, WAIT.local, 'a timed-out flush');
    stack.ledger.setFaults({ mode: 'reject' });
    await eventually(async () => (await stack!.metrics()).sum('gateway_budget_outbox_dropped_total', { reason: 'rejected_4xx' }) === 1, WAIT.local, 'the 4xx drop');
    expect((await stack.metrics()).sum('gateway_budget_outbox_depth')).toBe(0);
  });

  it('drops new debits as overflow when the outbox is full', async () => {
    stack = await startStack({ config: fastLedger({ outboxCapacity: 2 }) });
    stack.ledger.setFaults({ mode: 'down' });
    for (let i = 0; i < 5; i++) await stack.chat(ask());
    const m = await stack.metrics();
    expect(m.sum('gateway_budget_outbox_depth')).toBe(2);
    expect(m.sum('gateway_budget_outbox_dropped_total', { reason: 'overflow' })).toBe(3);
  });

  it('delivers one audit event per request to the ledger, without prompt text, and measures the delivery', async () => {
    stack = await startStack({ config: fastLedger() });
    await stack.chat(ask('gpt-4o', 'my secret plan'));
    await stack.chat(ask('no-such-model'));
    await eventually(() => stack!.ledger.events().length === 2, WAIT.local, 'two audit events');
    const events = stack.ledger.events();
    expect(events.map((e) => e.status).sort()).toEqual([200, 404]);
    expect(JSON.stringify(events)).not.toContain('secret plan');
    const m = await stack.metrics();
    expect(m.sum('gateway_events_emitted_total', { type: 'audit' })).toBe(2);
    expect(m.sum('gateway_events_delivered_total', { type: 'audit', outcome: 'success' })).toBe(2);
    expect(m.sum('gateway_event_delivery_duration_seconds_count', { type: 'audit' })).toBe(2);
  });

  it('redacts an e-mail address in the prompt, blocks a pasted secret key before any provider sees it, and counts each verdict', async () => {
    stack = await startStack({ config: fastLedger() });
    expect((await stack.chat(ask('gpt-4o', 'write to ann@example.com'))).status).toBe(200);
    const blocked = await stack.chat(ask('gpt-4o', 'my key is sk-abcdefghijklmnopqrstuvwxyz0123'));
    expect(blocked.status).toBe(400);
    expect(blocked.json().error.code).toBe('content_policy_violation');
    expect(stack.providerA.stats().requests + stack.providerB.stats().requests).toBe(1);
    const m = await stack.metrics();
    expect(m.sum('gateway_policy_evaluations_total', { policy: 'pii-email', stage: 'request', verdict: 'redact' })).toBe(1);
    expect(m.sum('gateway_policy_evaluations_total', { policy: 'secret-key', stage: 'request', verdict: 'block' })).toBe(1);
    expect(m.sum('gateway_policy_evaluation_duration_seconds_count', { policy: 'pii-email', stage: 'request' })).toBe(2);
    await eventually(() => stack!.ledger.events().length === 2, WAIT.local, 'audit events');
    expect(stack.ledger.events().find((e) => e.status === 400)?.policyVerdicts).toMatchObject({ 'request:secret-key': 'block' });
  });

  it('redacts provider output in complete responses and in stream chunks, and stops a stream a policy blocks with content_filter', async () => {
    stack = await startStack({
      config: (base) => ({
        ...base,
        guardrails: [
          { name: 'no-mock', pattern: '\\bmock\\b', action: 'redact', stages: ['response', 'stream'] },
          { name: 'no-tests', pattern: '\\btests\\b', action: 'block', stages: ['stream'] },
        ],
      }),
    });
    const complete = await stack.chat(ask());
    expect(complete.json().choices[0].message.content).toContain('[REDACTED]');
    expect(complete.json().choices[0].message.content).not.toMatch(/\bmock\b/);

    const streamed = await stack.chat(ask('gpt-4o', 'hi', { stream: true }));
    const events = streamed.text.split('\n\n').filter(Boolean);
    expect(streamed.text).toContain('[REDACTED]');
    expect(events.at(-1)).toBe('data: [DONE]');
    expect(JSON.parse(events.at(-2)!.slice(6)).choices[0].finish_reason).toBe('content_filter');
    expect(streamed.text).not.toMatch(/\btests\b/);
    const m = await stack.metrics();
    expect(m.sum('gateway_policy_evaluations_total', { policy: 'no-mock', stage: 'stream', verdict: 'redact' })).toBe(1);
    expect(m.sum('gateway_policy_evaluations_total', { policy: 'no-tests', stage: 'stream', verdict: 'block' })).toBe(1);
  });

  it('serves repeated lookups of a key from the in-process cache', async () => {
    stack = await startStack();
    for (let i = 0; i < 3; i++) await stack.chat(ask());
    const m = await stack.metrics();
    expect(m.sum('gateway_auth_cache_misses_total', { tier: 'l1' })).toBe(1);
    expect(m.sum('gateway_auth_cache_hits_total', { tier: 'l2' })).toBe(1);
    expect(m.sum('gateway_auth_cache_hits_total', { tier: 'l1' })).toBe(2);
  });
});
