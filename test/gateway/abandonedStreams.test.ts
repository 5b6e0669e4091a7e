import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { completionText } from '../../src/integrations/gateway/mock/completion.js';
import { TIMEOUT, WAIT } from '../support/timeouts.js';
import { ask, eventually, startStack, type Stack } from './stack.js';

const CONTENT_CHUNKS = 12;
// Long gaps between chunks: the client's hang-up after the last content chunk reaches the
// gateway well before the finish and usage chunks would, however busy the machine.
const SLOW_STREAM = { streamChunkDelayMs: 400, completionTokens: CONTENT_CHUNKS };
const PROMPT = 'tell me';

/**
 * Streams a completion from gpt-4o-mini (provider-b first) and hangs up once `hangUpAfter`
 * content chunks have arrived; returns how many the client had.
 */
async function abandon(stack: Stack, hangUpAfter: number): Promise<number> {
  const controller = new AbortController();
  const res = await request(`${stack.gateway.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer sk-lookout-search' },
    body: JSON.stringify(ask('gpt-4o-mini', PROMPT, { stream: true })),
    signal: controller.signal,
  });
  expect(res.statusCode).toBe(200);
  let chunks = 0;
  let pending = '';
  try {
    for await (const bytes of res.body) {
      pending += String(bytes);
      let end: number;
      while ((end = pending.indexOf('\n\n')) >= 0) {
        const event = pending.slice(0, end);
        pending = pending.slice(end + 2);
        if (/"content":"[^"]/.test(event)) chunks++;
        if (chunks === hangUpAfter) {
          controller.abort();
          return chunks;
        }
      }
    }
  } catch {
    // The abort ends the loop with an error: the hang-up itself.
  }
  return chunks;
}

/** The output tokens the gateway estimates for the first `chunks` content chunks of a mock completion: four characters a token. */
const estimatedOutput = (chunks: number) => Math.ceil(completionText(chunks).length / 4);

describe('abandoned streams: every delivered token is billed, once', () => {
  let stack: Stack | undefined;
  afterEach(async () => {
    await stack?.close();
    stack = undefined;
  });

  it('debits a stream read to its last content chunk and then abandoned, with estimated usage, and says so in the audit event', async () => {
    stack = await startStack({ faultsB: SLOW_STREAM });
    expect(await abandon(stack, CONTENT_CHUNKS)).toBe(CONTENT_CHUNKS);
    await eventually(() => stack!.ledger.debits().length === 1 && stack!.ledger.events().length === 1, WAIT.local, 'the debit and the audit event');
    const [debit] = stack.ledger.debits();
    const [event] = stack.ledger.events();
    const usage = { inputTokens: Math.ceil(PROMPT.length / 4), outputTokens: estimatedOutput(CONTENT_CHUNKS) };
    expect(debit).toMatchObject({ team: 'search', provider: 'provider-b', model: 'gpt-4o-mini', ...usage });
    expect(event).toMatchObject({ status: 499, stream: true, usageSource: 'estimated', ...usage, usd: debit!.usd });
    // The counters say what the debit says.
    const m = await stack.metrics();
    expect(m.sum('gateway_tokens_total', { direction: 'input' })).toBe(usage.inputTokens);
    expect(m.sum('gateway_tokens_total', { direction: 'output' })).toBe(usage.outputTokens);
    expect(m.sum('gateway_cost_usd_total')).toBeCloseTo(debit!.usd, 12);
    expect(m.sum('gateway_requests_total', { code: '499' })).toBe(1);
  });

  it('debits each of 100 abandoned streams once, for what each delivered, and the ledger agrees with the cost counter', async () => {
    stack = await startStack({ faultsB: SLOW_STREAM });
    // Hang-ups after 1 to 12 chunks, all at once.
    const delivered = await Promise.all(Array.from({ length: 100 }, (_, i) => abandon(stack!, 1 + (i % CONTENT_CHUNKS))));
    expect(delivered.reduce((a, b) => a + b, 0)).toBe(Array.from({ length: 100 }, (_, i) => 1 + (i % CONTENT_CHUNKS)).reduce((a, b) => a + b, 0));
    await eventually(() => stack!.ledger.debits().length >= 100 && stack!.ledger.events().length >= 100, WAIT.local, '100 debits and audit events');
    const debits = stack.ledger.debits();
    const events = stack.ledger.events();
    expect(debits).toHaveLength(100);
    expect(events.filter((e) => e.status === 499 && e.usageSource === 'estimated')).toHaveLength(100);
    expect(stack.ledger.summary().duplicates).toBe(0);
    // What the ledger billed is what the clients had: each hang-up after k chunks billed k chunks' estimate.
    const outputs = debits.map((d) => d.outputTokens).sort((a, b) => a - b);
    expect(outputs).toEqual(delivered.map(estimatedOutput).sort((a, b) => a - b));
    const m = await stack.metrics();
    expect(m.sum('gateway_tokens_total', { direction: 'output' })).toBe(outputs.reduce((a, b) => a + b, 0));
    expect(stack.ledger.summary().usdByTeam.search).toBeCloseTo(m.sum('gateway_cost_usd_total', { team: 'search' }), 12);
  }, TIMEOUT.live);

  it('debits a stream the provider breaks off after some content (502) for that content', async () => {
    stack = await startStack({ faultsB: { streamAbortRate: 1, completionTokens: CONTENT_CHUNKS } });
    const answer = await stack.chat(ask('gpt-4o-mini', PROMPT, { stream: true }));
    expect(answer.text).toContain('upstream_stream_interrupted');
    await eventually(() => stack!.ledger.debits().length === 1 && stack!.ledger.events().length === 1, WAIT.local, 'the debit and the audit event');
    // The mock cuts its stream after half the content.
    const usage = { inputTokens: Math.ceil(PROMPT.length / 4), outputTokens: estimatedOutput(CONTENT_CHUNKS / 2) };
    expect(stack.ledger.debits()[0]).toMatchObject(usage);
    expect(stack.ledger.events()[0]).toMatchObject({ status: 502, usageSource: 'estimated', ...usage });
  });

  it('bills a stream that ran to its end from the provider usage, and says so', async () => {
    stack = await startStack();
    await stack.chat(ask('gpt-4o-mini', PROMPT, { stream: true, max_tokens: 5 }));
    await eventually(() => stack!.ledger.events().length === 1, WAIT.local, 'the audit event');
    expect(stack.ledger.events()[0]).toMatchObject({ status: 200, usageSource: 'provider', outputTokens: 5 });
  });
});
