import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConfigInput } from '../../src/integrations/gateway/config/schema.js';
import { MAX_COMPLETION_TOKENS } from '../../src/integrations/gateway/mock/completion.js';
import { TIMEOUT, WAIT } from '../support/timeouts.js';
import { ask, eventually, startStack, type Stack } from './stack.js';

// gpt-4o at 2.5 and 10 USD per million tokens. A request for "hi" with max_tokens 16 costs
// 1 input token (the mock counts four characters a token) and 16 output tokens; its worst case
// is 21 input tokens (2 bytes + 16 for the message + 3 for the reply) and 16 output tokens.
const COST_USD = (1 * 2.5 + 16 * 10) / 1e6;
const WORST_CASE_USD = (21 * 2.5 + 16 * 10) / 1e6;
/** Nine worst cases: nine requests at once, or eleven one after the other. */
const BUDGET_USD = 9 * WORST_CASE_USD;

const financeTeam = (change: Record<string, unknown>) => (base: ConfigInput): ConfigInput => ({
  ...base,
  ledger: { ...base.ledger, flushIntervalMs: 30 },
  teams: base.teams!.map((t) => (t.name === 'finance' ? { ...t, ...change } : t)),
});

describe('budgets and token limits under concurrency and oversized requests', () => {
  let stack: Stack | undefined;
  afterEach(async () => {
    await stack?.close();
    stack = undefined;
  });

  it('spends at most the budget when 200 requests arrive at once, and refuses the rest with 403 budget_exceeded', async () => {
    stack = await startStack({ budgets: { finance: BUDGET_USD }, config: financeTeam({ budgetUsd: BUDGET_USD }) });
    const answers = await Promise.all(Array.from({ length: 200 }, () => stack!.chat(ask('gpt-4o', 'hi', { max_tokens: 16 }), { key: 'sk-lookout-finance' })));
    const ok = answers.filter((a) => a.status === 200).length;
    const refused = answers.filter((a) => a.status === 403);
    expect(ok + refused.length).toBe(200);
    expect(ok).toBeGreaterThanOrEqual(9);
    expect(refused.every((a) => a.json().error.code === 'budget_exceeded')).toBe(true);

    await eventually(() => stack!.ledger.debits().length === ok, WAIT.local, 'every debit in the ledger');
    const spent = stack.ledger.summary().usdByTeam.finance!;
    const m = await stack.metrics();
    expect(spent).toBeCloseTo(ok * COST_USD, 12);
    expect(spent).toBeLessThanOrEqual(BUDGET_USD + 1e-12);
    expect(m.sum('gateway_cost_usd_total', { team: 'finance' })).toBeCloseTo(spent, 12);
    expect(m.sum('gateway_requests_total', { code: '403', team: 'finance' })).toBe(refused.length);
    expect(m.sum('gateway_budget_blocks_total', { team: 'finance' })).toBe(refused.length);
  }, TIMEOUT.live);

  it('asks the ledger nothing for a team far from its budget', async () => {
    stack = await startStack();
    for (let i = 0; i < 20; i++) expect((await stack.chat(ask())).status).toBe(200);
    expect((await stack.metrics()).sum('gateway_budget_live_checks_total')).toBe(0);
  });

  it('refuses n: 16 with max_tokens 2^53 - 1 as OpenAI does (400, param max_tokens), and the team keeps being served', async () => {
    stack = await startStack();
    const huge = await stack.chat(ask('gpt-4o', 'hi', { n: 16, max_tokens: Number.MAX_SAFE_INTEGER }));
    expect(huge.status).toBe(400);
    expect(huge.json().error).toMatchObject({ type: 'invalid_request_error', param: 'max_tokens', code: 'invalid_value' });
    expect(huge.json().error.message).toContain(`at most ${MAX_COMPLETION_TOKENS} completion tokens`);
    const completion = await stack.chat(ask('gpt-4o', 'hi', { max_completion_tokens: MAX_COMPLETION_TOKENS + 1 }));
    expect(completion.json().error.param).toBe('max_completion_tokens');
    const next = await stack.chat(ask());
    expect(next.status).toBe(200);
    expect((await stack.metrics()).sum('gateway_rate_limit_rejections_total')).toBe(0);
  });

  it('lets a request larger than the whole token allowance take at most the bucket: the others wait at most a minute, and get it back when it ends', async () => {
    // 16 choices of the model's limit (4,096) is 65,536 tokens, more than the minute's 50,000.
    stack = await startStack({ config: financeTeam({ limits: { tokensPerMinute: 50_000 } }), faultsB: { firstChunkDelayMs: 60_000 } });
    const controller = new AbortController();
    const big = await request(`${stack.gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer sk-lookout-finance' },
      body: JSON.stringify(ask('gpt-4o-mini', 'hi', { n: 16, stream: true })),
      signal: controller.signal,
    });
    // Its headers came: admitted, and held by the provider before its first token.
    expect(big.statusCode).toBe(200);
    const small = await stack.chat(ask('gpt-4o', 'hi', { max_tokens: 16 }), { key: 'sk-lookout-finance' });
    expect(small.status).toBe(429);
    expect(Number(small.headers['retry-after'])).toBeLessThanOrEqual(60);
    controller.abort();
    await big.body.text().catch(() => {});
    // Abandoned before any content: nothing used, everything it took is back.
    await eventually(async () => (await stack!.metrics()).sum('gateway_requests_total', { code: '499' }) === 1, WAIT.local, 'the 499');
    expect((await stack.chat(ask('gpt-4o', 'hi', { max_tokens: 16 }), { key: 'sk-lookout-finance' })).status).toBe(200);
  });
});
