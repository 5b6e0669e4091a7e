import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { request } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { drawFaults, DEFAULT_FAULTS, mergeFaults } from '../../src/integrations/gateway/mock/faults.js';
import { InvalidSettings } from '../../src/integrations/gateway/mock/fieldIssues.js';
import { logNormal, seededRandom } from '../../src/integrations/gateway/mock/random.js';
import { startMockProvider, type MockProvider } from '../../src/integrations/gateway/mock/server.js';
import { pollFor } from '../support/poll.js';
import { WAIT } from '../support/timeouts.js';

const REPO = path.resolve(import.meta.dirname, '../..');
const messages = [{ role: 'user', content: 'Say hello to the tests, please.' }];

async function chat(provider: MockProvider, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  const res = await request(`${provider.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ model: 'gpt-4o', messages, ...body }),
  });
  return { status: res.statusCode, headers: res.headers, text: await res.body.text() };
}

/** The SSE frames of a body, each checked to be a `data:` line; JSON payloads parsed, [DONE] kept as a string. */
function sseFrames(text: string): unknown[] {
  expect(text.endsWith('\n\n')).toBe(true);
  return text
    .slice(0, -2)
    .split('\n\n')
    .map((frame) => {
      expect(frame.startsWith('data: ')).toBe(true);
      const data = frame.slice('data: '.length);
      return data === '[DONE]' ? data : (JSON.parse(data) as unknown);
    });
}

type Chunk = { object: string; choices: Array<{ delta: { role?: string; content?: string }; finish_reason: string | null }>; usage?: unknown };

describe('the mock provider, healthy', () => {
  let provider: MockProvider;
  beforeAll(async () => {
    provider = await startMockProvider({ name: 'provider-a' });
  });
  afterAll(() => provider.close());
  afterEach(() => provider.reset());

  it('answers a chat completion in OpenAI format, with usage that adds up', async () => {
    const res = await chat(provider, { max_tokens: 5 });
    expect(res.status).toBe(200);
    expect(res.headers['x-mock-provider']).toBe('provider-a');
    const body = JSON.parse(res.text);
    expect(body).toMatchObject({
      id: 'chatcmpl-provider-a-1',
      object: 'chat.completion',
      model: 'gpt-4o',
      choices: [{ index: 0, message: { role: 'assistant', content: 'the mock says hello to' }, finish_reason: 'stop' }],
      // 31 characters of prompt: ceil(31 / 4) tokens.
      usage: { prompt_tokens: 8, completion_tokens: 5, total_tokens: 13 },
    });
    expect(typeof body.created).toBe('number');
  });

  it('streams valid SSE: a role chunk, the content, a finish chunk, a usage chunk with no choices, then [DONE]', async () => {
    const res = await chat(provider, { stream: true, stream_options: { include_usage: true }, max_tokens: 3 });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
    const frames = sseFrames(res.text);
    expect(frames.at(-1)).toBe('[DONE]');
    const chunks = frames.slice(0, -1) as Chunk[];
    expect(chunks.every((c) => c.object === 'chat.completion.chunk')).toBe(true);
    expect(chunks[0]!.choices[0]!.delta).toEqual({ role: 'assistant', content: '' });
    expect(chunks.slice(1, 4).map((c) => c.choices[0]!.delta.content)).toEqual(['the', ' mock', ' says']);
    expect(chunks[4]!.choices[0]).toMatchObject({ delta: {}, finish_reason: 'stop' });
    expect(chunks[5]).toMatchObject({ choices: [], usage: { prompt_tokens: 8, completion_tokens: 3, total_tokens: 11 } });
    // OpenAI sends usage: null on every other chunk once usage is asked for.
    expect(chunks.slice(0, 5).every((c) => c.usage === null)).toBe(true);
    expect(chunks).toHaveLength(6);
  });

  it('streams no usage at all when include_usage was not asked for', async () => {
    const frames = sseFrames((await chat(provider, { stream: true, max_tokens: 2 })).text);
    const chunks = frames.slice(0, -1) as Chunk[];
    expect(chunks).toHaveLength(4);
    expect(chunks.every((c) => !('usage' in c) && c.choices.length === 1)).toBe(true);
  });

  it('writes the default completion length without max_tokens and caps a huge max_tokens', async () => {
    expect(JSON.parse((await chat(provider, {})).text).usage.completion_tokens).toBe(16);
    expect(JSON.parse((await chat(provider, { max_completion_tokens: 1_000_000 })).text).usage.completion_tokens).toBe(4096);
    provider.setFaults({ completionTokens: 40 });
    expect(JSON.parse((await chat(provider, {})).text).usage.completion_tokens).toBe(40);
  });

  it('answers a body that is not JSON with a 400 in OpenAI error format', async () => {
    const res = await request(`${provider.url}/v1/chat/completions`, { method: 'POST', body: '{"model":' });
    expect(res.statusCode).toBe(400);
    expect(await res.body.json()).toEqual({
      error: { message: expect.stringContaining('could not parse the JSON body'), type: 'invalid_request_error', param: null, code: null },
    });
  });

  it('names the missing or wrong parameter of a malformed request', async () => {
    expect(JSON.parse((await chat(provider, { model: undefined })).text).error).toMatchObject({ param: 'model', type: 'invalid_request_error' });
    expect(JSON.parse((await chat(provider, { messages: [] })).text).error).toMatchObject({ param: 'messages' });
    expect(JSON.parse((await chat(provider, { max_tokens: -1 })).text).error).toMatchObject({ param: 'max_tokens' });
  });

  it('answers 404 model_not_found for a model it does not serve, and lists the ones it does', async () => {
    const res = await chat(provider, { model: 'gpt-5-ultra' });
    expect(res.status).toBe(404);
    expect(JSON.parse(res.text).error).toMatchObject({ type: 'invalid_request_error', code: 'model_not_found' });
    const list = (await (await request(`${provider.url}/v1/models`)).body.json()) as { object: string; data: Array<{ id: string; object: string }> };
    expect(list.object).toBe('list');
    expect(list.data.map((m) => m.id)).toEqual(['gpt-4o', 'gpt-4o-mini', 'claude-sonnet', 'llama-3-70b']);
    expect(list.data[0]!.object).toBe('model');
  });

  it('records whether a bearer token and a request id came, never the token itself', async () => {
    await chat(provider, {}, { authorization: 'Bearer sk-upstream-secret', 'x-request-id': 'req-42' });
    await chat(provider, {});
    const stats = provider.stats();
    expect(stats.withAuthorization).toBe(1);
    expect(stats.lastRequest).toEqual({ authorization: false, requestId: null, model: 'gpt-4o', stream: false });
    expect(JSON.stringify(stats)).not.toContain('sk-upstream-secret');
  });

  it('counts outcomes, streams and usage requests, and zeroes them on POST /admin/reset', async () => {
    provider.setFaults({ errorRate: 1 });
    await chat(provider, {});
    provider.setFaults({ errorRate: 0 });
    await chat(provider, { stream: true, stream_options: { include_usage: true } });
    await chat(provider, { model: 'nope' });
    const stats = (await (await request(`${provider.url}/admin/stats`)).body.json()) as ReturnType<MockProvider['stats']>;
    expect(stats).toMatchObject({ requests: 3, streams: 1, includeUsage: 1, outcomes: { ok: 1, error: 1, rejected: 1 } });
    const reset = await request(`${provider.url}/admin/reset`, { method: 'POST' });
    expect(reset.statusCode).toBe(200);
    await reset.body.dump();
    expect(provider.stats()).toMatchObject({ requests: 0, streams: 0, outcomes: { ok: 0, error: 0 } });
    expect(provider.faults()).toEqual(DEFAULT_FAULTS);
  });
});

describe('the mock provider, with faults', () => {
  let provider: MockProvider;
  beforeAll(async () => {
    provider = await startMockProvider({ name: 'provider-b', seed: 7 });
  });
  afterAll(() => provider.close());
  afterEach(() => provider.reset());

  it('answers 429 with retry-after, retry-after-ms and x-ratelimit headers under the rate-limit fault', async () => {
    provider.setFaults({ rateLimitRate: 1, retryAfterSeconds: 2.5 });
    const res = await chat(provider, {});
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBe('3');
    expect(res.headers['retry-after-ms']).toBe('2500');
    expect(res.headers['x-ratelimit-remaining-requests']).toBe('0');
    expect(JSON.parse(res.text)).toEqual({ error: { message: expect.any(String), type: 'requests', param: null, code: 'rate_limit_exceeded' } });
    expect(provider.stats().outcomes.rate_limited).toBe(1);
  });

  it('answers the configured status with a server_error body under the error fault', async () => {
    provider.setFaults({ errorRate: 1, errorStatus: 503 });
    const res = await chat(provider, { stream: true });
    expect(res.status).toBe(503);
    expect(JSON.parse(res.text).error).toMatchObject({ type: 'server_error', param: null, code: null });
  });

  it('resets the connection without an answer under the reset fault', async () => {
    provider.setFaults({ resetRate: 1 });
    const error = await chat(provider, {}).catch((e: unknown) => e as Error & { code?: string });
    expect(error).toBeInstanceOf(Error);
    expect(['ECONNRESET', 'UND_ERR_SOCKET']).toContain((error as { code?: string }).code);
    expect(provider.stats().outcomes.reset).toBe(1);
  });

  it('never answers under the timeout fault, and close() still ends the held request', async () => {
    const own = await startMockProvider({ faults: { timeoutRate: 1 } });
    const signal = AbortSignal.timeout(300);
    const givenUp = await request(`${own.url}/v1/chat/completions`, { method: 'POST', body: JSON.stringify({ model: 'gpt-4o', messages }), signal }).catch((e: Error) => e);
    expect(givenUp).toBeInstanceOf(Error);
    expect(signal.aborted).toBe(true);

    let settled = false;
    const held = request(`${own.url}/v1/chat/completions`, { method: 'POST', body: JSON.stringify({ model: 'gpt-4o', messages }) }).finally(() => (settled = true));
    // Once the mock holds the request, only close() ends it: with an error, never an answer.
    await pollFor('the mock to hold the second request', WAIT.local, () => own.stats().outcomes.timeout === 2);
    expect(settled).toBe(false);
    await own.close();
    await expect(held).rejects.toThrow();
    expect(own.stats().outcomes.timeout).toBe(2);
  });

  it('ends streams without the usage chunk under the omitUsage fault, although include_usage asked for it', async () => {
    provider.setFaults({ omitUsageRate: 1 });
    const frames = sseFrames((await chat(provider, { stream: true, stream_options: { include_usage: true }, max_tokens: 2 })).text);
    expect(frames.at(-1)).toBe('[DONE]');
    const chunks = frames.slice(0, -1) as Chunk[];
    expect(chunks.at(-1)!.choices[0]!.finish_reason).toBe('stop');
    expect(chunks.some((c) => c.choices.length === 0 || (c.usage !== null && c.usage !== undefined))).toBe(false);
    expect(provider.stats().usageOmitted).toBe(1);
  });

  it('cuts a stream after half its content, without [DONE], under the stream-abort fault', async () => {
    provider.setFaults({ streamAbortRate: 1 });
    const res = await request(`${provider.url}/v1/chat/completions`, { method: 'POST', body: JSON.stringify({ model: 'gpt-4o', messages, stream: true, max_tokens: 6 }) });
    expect(res.statusCode).toBe(200);
    let received = '';
    const reading = (async () => {
      for await (const piece of res.body) received += String(piece);
    })();
    await expect(reading).rejects.toThrow();
    expect(received).not.toContain('[DONE]');
    // The role chunk and 3 of the 6 content chunks.
    expect(received.split('\n\n').filter(Boolean)).toHaveLength(4);
    expect(provider.stats().outcomes.aborted).toBe(1);
  });

  it('waits a fixed latency before answering', async () => {
    provider.setFaults({ latencyMs: { p50: 150 } });
    const started = performance.now();
    expect((await chat(provider, {})).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);
  });

  it('slows a stream down by the chunk delays: time to first token, then between chunks', async () => {
    provider.setFaults({ firstChunkDelayMs: 60, streamChunkDelayMs: 30 });
    const started = performance.now();
    const res = await request(`${provider.url}/v1/chat/completions`, { method: 'POST', body: JSON.stringify({ model: 'gpt-4o', messages, stream: true, max_tokens: 4 }) });
    const arrivals: Array<{ at: number; text: string }> = [];
    for await (const piece of res.body) arrivals.push({ at: performance.now() - started, text: String(piece) });
    const firstContent = arrivals.find((a) => a.text.includes('"content":"the"'))!;
    expect(firstContent.at).toBeGreaterThanOrEqual(55);
    // 3 more content chunks and the finish chunk, 30 ms apart.
    expect(arrivals.at(-1)!.at - firstContent.at).toBeGreaterThanOrEqual(4 * 30 - 5);
    expect(arrivals.map((a) => a.text).join('')).toMatch(/data: \[DONE\]\n\n$/);
  });

  it('draws the same faults for the same seed, again after a reset, and other ones for another name', async () => {
    const statuses = async (p: MockProvider) => {
      const out: number[] = [];
      for (let i = 0; i < 24; i++) out.push((await chat(p, {})).status);
      return out.join(' ');
    };
    const twin = await startMockProvider({ name: 'provider-b', seed: 7 });
    const other = await startMockProvider({ name: 'provider-c' });
    try {
      for (const p of [provider, twin, other]) p.setFaults({ errorRate: 0.5 });
      const first = await statuses(provider);
      expect(first).toContain('500');
      expect(first).toContain('200');
      expect(await statuses(twin)).toBe(first);
      provider.reset();
      provider.setFaults({ errorRate: 0.5 });
      expect(await statuses(provider)).toBe(first);
      other.setFaults({ errorRate: 0.5 });
      expect(await statuses(other)).not.toBe(first);
    } finally {
      await Promise.all([twin.close(), other.close()]);
    }
  });
});

describe('the mock provider, configured', () => {
  it('answers 401 invalid_api_key unless one of the required keys comes as a bearer token', async () => {
    const provider = await startMockProvider({ requireKey: ['key-primary', 'key-secondary'] });
    try {
      const missing = await chat(provider, {});
      expect(missing.status).toBe(401);
      expect(JSON.parse(missing.text).error).toMatchObject({ type: 'invalid_request_error', code: 'invalid_api_key' });
      expect((await chat(provider, {}, { authorization: 'Bearer key-wrong' })).status).toBe(401);
      expect((await chat(provider, {}, { authorization: 'Bearer key-secondary' })).status).toBe(200);
      expect((await request(`${provider.url}/v1/models`)).statusCode).toBe(401);
      expect(provider.stats()).toMatchObject({ withAuthorization: 2, outcomes: { rejected: 2, ok: 1 } });
    } finally {
      await provider.close();
    }
  });

  it("serves any model name when its model list is ['*']", async () => {
    const provider = await startMockProvider({ models: ['*'] });
    try {
      const res = await chat(provider, { model: 'some-private-finetune' });
      expect(res.status).toBe(200);
      expect(JSON.parse(res.text).model).toBe('some-private-finetune');
    } finally {
      await provider.close();
    }
  });
});

describe('fault settings', () => {
  let provider: MockProvider;
  beforeAll(async () => {
    provider = await startMockProvider();
  });
  afterAll(() => provider.close());

  it('refuses bad admin settings with a 400 that names each field, and keeps the current ones', async () => {
    provider.setFaults({ errorRate: 0.1 });
    const res = await request(`${provider.url}/admin/faults`, { method: 'PUT', body: JSON.stringify({ errorRate: 2, latencyMs: { p50: 500, p99: 100 }, errRate: 0.5 }) });
    expect(res.statusCode).toBe(400);
    const body = (await res.body.json()) as { error: { message: string; issues: Array<{ path: string }> } };
    expect(body.error.issues.map((i) => i.path).sort()).toEqual(['errRate', 'errorRate', 'latencyMs.p99']);
    expect(body.error.message).toContain('errorRate');
    expect(provider.faults().errorRate).toBe(0.1);
  });

  it('merges valid admin settings into the current ones and answers the result', async () => {
    provider.setFaults({ errorRate: 0.1 });
    const res = await request(`${provider.url}/admin/faults`, { method: 'PUT', body: JSON.stringify({ rateLimitRate: 0.2, latencyMs: { p50: 100, p99: 900 } }) });
    expect(res.statusCode).toBe(200);
    expect(await res.body.json()).toMatchObject({ errorRate: 0.1, rateLimitRate: 0.2, latencyMs: { p50: 100, p99: 900 } });
    const current = await (await request(`${provider.url}/admin/faults`)).body.json();
    expect(current).toEqual(provider.faults());
  });

  it('refuses outcome rates that add up to more than 1, naming the field that was set', () => {
    const merged = mergeFaults({ ...DEFAULT_FAULTS, errorRate: 0.6 }, { timeoutRate: 0.5 });
    expect(merged).toMatchObject({ ok: false, issues: [{ path: 'timeoutRate' }] });
  });

  it('throws InvalidSettings naming the field when set in process', () => {
    expect(() => provider.setFaults({ completionTokens: 0 })).toThrow(InvalidSettings);
    expect(() => provider.setFaults({ completionTokens: 0 })).toThrow(/completionTokens/);
  });

  it('gives each outcome its exact share of the draws', () => {
    const random = seededRandom(1);
    const faults = { ...DEFAULT_FAULTS, errorRate: 0.1, rateLimitRate: 0.2, resetRate: 0.05 };
    const counts: Record<string, number> = {};
    for (let i = 0; i < 20_000; i++) {
      const { outcome } = drawFaults(faults, random);
      counts[outcome] = (counts[outcome] ?? 0) + 1;
    }
    expect(counts.error! / 20_000).toBeCloseTo(0.1, 1);
    expect(counts.rate_limited! / 20_000).toBeCloseTo(0.2, 1);
    expect(counts.reset! / 20_000).toBeCloseTo(0.05, 1);
    expect(counts.timeout).toBeUndefined();
  });

  it('draws latencies whose median and 99th percentile are the ones asked for', () => {
    const random = seededRandom(3);
    const draws = Array.from({ length: 20_000 }, () => logNormal(300, 2000, random(), random())).sort((a, b) => a - b);
    expect(draws[10_000]! / 300).toBeCloseTo(1, 1);
    expect(draws[19_800]! / 2000).toBeCloseTo(1, 1);
    expect(logNormal(200, 200, 0.3, 0.9)).toBe(200);
  });
});

describe('the mock provider as its own process', () => {
  it('prints its URL when ready, serves, and exits 0 on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/integrations/gateway/mock/main.ts', '--name', 'provider-x', '--faults', '{"completionTokens":2}'], { cwd: REPO, stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
      const ready = JSON.parse(line) as { event: string; name: string; url: string; pid: number };
      expect(ready).toMatchObject({ event: 'listening', name: 'provider-x', pid: child.pid });
      expect(ready.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const res = await request(`${ready.url}/v1/chat/completions`, { method: 'POST', body: JSON.stringify({ model: 'gpt-4o', messages }) });
      expect(((await res.body.json()) as { usage: { completion_tokens: number } }).usage.completion_tokens).toBe(2);
      child.kill('SIGTERM');
      const [code] = (await once(child, 'exit')) as [number | null];
      expect(code).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  it('exits 2 naming the field when its --faults are invalid', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/integrations/gateway/mock/main.ts', '--faults', '{"errorRate":7}'], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(2);
    expect(stderr).toContain('errorRate');
  });
});
