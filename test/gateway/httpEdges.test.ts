import type { Socket } from 'node:net';
import { Readable } from 'node:stream';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TIMEOUT, WAIT } from '../support/timeouts.js';
import { pollFor } from '../support/poll.js';
import { chatHead, chatRaw, chunkOf, drip, keptAlive, pump, rawExchange, type RawAnswer } from './rawHttp.js';
import { startStack, type Stack } from './stack.js';

const KEY = 'sk-lookout-search';
const JSON_HEADERS = { 'content-type': 'application/json', authorization: `Bearer ${KEY}` };

/** `size` bytes of "a", 64 KiB at a time, for undici to stream. */
function* filler(size: number): Generator<Buffer> {
  const block = Buffer.alloc(64 * 1024, 'a');
  for (let left = size; left > 0; left -= block.length) yield left >= block.length ? block : block.subarray(0, left);
}

/** A valid request whose `tools` value is `depth - 1` arrays deep, so the body is `depth` deep. */
const nestedBody = (depth: number) => `{"model":"gpt-4o","messages":[{"role":"user","content":"hi"}],"tools":${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}}`;

function expectOpenAIError(answer: RawAnswer | { body: string }, code: string): void {
  const { error } = JSON.parse(answer.body) as { error: Record<string, unknown> };
  expect(error).toMatchObject({ type: expect.any(String), message: expect.any(String), code });
}

async function chatCount(stack: Stack, code: string): Promise<number> {
  return (await stack.metrics()).sum('gateway_requests_total', { route: 'chat_completions', code });
}

describe('a body over the size limit is answered 413, however it is framed, and the connection closed', () => {
  let stack: Stack;
  let url: string;
  beforeAll(async () => {
    stack = await startStack({ config: (b) => ({ ...b, server: { ...b.server, maxBodyBytes: 256 * 1024 } }) });
    url = `${stack.gateway.url}/v1/chat/completions`;
  }, TIMEOUT.serverStart);
  afterAll(() => stack.close());

  for (const size of [2_000_000, 40_000_000]) {
    const mb = `${size / 1_000_000} MB`;

    it(`answers undici streaming ${mb} without a content-length, and counts one 413`, async () => {
      const before = await chatCount(stack, '413');
      const res = await request(url, { method: 'POST', headers: JSON_HEADERS, body: Readable.from(filler(size)) });
      expect(res.statusCode).toBe(413);
      expect(res.headers.connection).toBe('close');
      expectOpenAIError({ body: await res.body.text() }, 'request_too_large');
      expect(await chatCount(stack, '413')).toBe(before + 1);
    });

    it(`answers undici streaming ${mb} with its content-length`, async () => {
      const res = await request(url, { method: 'POST', headers: { ...JSON_HEADERS, 'content-length': String(size) }, body: Readable.from(filler(size)) });
      expect(res.statusCode).toBe(413);
      expectOpenAIError({ body: await res.body.text() }, 'request_too_large');
    });

    it(`answers a raw client writing ${mb} in chunks as fast as the gateway reads, then closes`, async () => {
      const answer = await rawExchange(url, (socket) => {
        socket.write(chatHead('transfer-encoding: chunked'));
        pump(socket, chunkOf(16 * 1024), size, Buffer.from('0\r\n\r\n'));
      });
      expect(answer.status).toBe(413);
      expect(answer.headers.connection).toBe('close');
      expectOpenAIError(answer, 'request_too_large');
    });
  }

  it('still serves afterwards, and counted no 5xx', async () => {
    expect((await stack.chat({ model: 'gpt-4o', messages: [{ role: 'user', content: 'still there?' }] })).status).toBe(200);
    expect((await stack.metrics()).samples.filter((s) => s.name === 'gateway_requests_total' && s.labels.code!.startsWith('5') && s.value > 0)).toEqual([]);
  });
});

describe('JSON nested deeper than server.maxJsonDepth is a 400 before anything recurses on it', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  }, TIMEOUT.serverStart);
  afterAll(() => stack.close());

  const post = async (body: string) => {
    const res = await request(`${stack.gateway.url}/v1/chat/completions`, { method: 'POST', headers: JSON_HEADERS, body });
    return { status: res.statusCode, body: await res.body.text() };
  };

  it('refuses a valid request with tools nested a hundred thousand deep with 400 json_too_deep, not a 5xx', async () => {
    const answer = await post(nestedBody(100_000));
    expect(answer.status).toBe(400);
    expectOpenAIError(answer, 'json_too_deep');
    expect(await chatCount(stack, '500')).toBe(0);
  });

  it('takes a body exactly as deep as the default limit of 64, and refuses one level more', async () => {
    expect((await post(nestedBody(64))).status).toBe(200);
    expect((await post(nestedBody(65))).status).toBe(400);
  });

  it('takes a real tool call whose JSON schema nests objects in arrays in objects', async () => {
    const leaf = { type: 'object', properties: { name: { type: 'string' }, tags: { type: 'array', items: { type: 'string' } } }, required: ['name'] };
    let schema: Record<string, unknown> = leaf;
    for (let i = 0; i < 6; i++) schema = { type: 'object', properties: { children: { type: 'array', items: schema } } };
    const tools = [{ type: 'function', function: { name: 'file_tree', description: 'Writes a tree of files', parameters: schema } }];
    const answer = await post(JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'make a tree [[[[[[[[' }], tools, tool_choice: 'auto' }));
    expect(answer.status).toBe(200);
  });
});

describe('a request that arrives too slowly is answered 408 and its connection closed', () => {
  let stack: Stack;
  let url: string;
  beforeAll(async () => {
    stack = await startStack({ config: (b) => ({ ...b, server: { ...b.server, bodyTimeoutMs: 300, headersTimeoutMs: 300 } }) });
    url = `${stack.gateway.url}/v1/chat/completions`;
  }, TIMEOUT.serverStart);
  afterAll(() => stack.close());

  it('answers a body dripped a byte every 100 ms with 408 request_timeout, counted on the chat route', async () => {
    const before = await chatCount(stack, '408');
    const answer = await rawExchange(url, (socket) => {
      socket.write(chatHead('content-length: 100000'));
      drip(socket, '{"model":"gpt-4o","messages":[{"role":"user","content":"' + 'a'.repeat(99_000), 100);
    });
    expect(answer.status).toBe(408);
    expect(answer.headers.connection).toBe('close');
    expectOpenAIError(answer, 'request_timeout');
    expect(await chatCount(stack, '408')).toBe(before + 1);
  });

  it('answers a chunked body that stops coming with 408', async () => {
    const answer = await rawExchange(url, (socket) => socket.write(`${chatHead('transfer-encoding: chunked')}5\r\n{"mod\r\n`));
    expect(answer.status).toBe(408);
    expectOpenAIError(answer, 'request_timeout');
  });

  it('answers headers dripped a byte every 100 ms with 408 in OpenAI error shape', async () => {
    const answer = await rawExchange(url, (socket) => {
      socket.write('POST /v1/chat/completions HTTP/1.1\r\nhost: gateway\r\n');
      drip(socket, `x-slow: ${'s'.repeat(10_000)}`, 100);
    });
    expect(answer.status).toBe(408);
    expect(answer.headers.connection).toBe('close');
    expectOpenAIError(answer, 'request_timeout');
  });

  it('answers a connection that never sends a byte with 408', async () => {
    const answer = await rawExchange(url, () => {});
    expect(answer.status).toBe(408);
  });
});

describe('connections over server.maxConnections are answered 503 with retry-after, not dropped', () => {
  let stack: Stack;
  let url: string;
  const held: Socket[] = [];
  beforeAll(async () => {
    stack = await startStack({ config: (b) => ({ ...b, server: { ...b.server, maxConnections: 4 } }) });
    url = stack.gateway.url;
  }, TIMEOUT.serverStart);
  afterAll(async () => {
    for (const s of held) s.destroy();
    await stack.close();
  });

  it('serves four connections, answers a request on the fifth 503 with retry-after and closes it', async () => {
    // Each held connection has had an answer, so the gateway has accepted it.
    for (let i = 0; i < 4; i++) held.push(await keptAlive(url, chatRaw('keep-alive')));
    const before = await chatCount(stack, '503');
    const answer = await rawExchange(url, (socket) => socket.write(chatRaw('close')));
    expect(answer.status).toBe(503);
    expect(answer.headers['retry-after']).toBe('1');
    expect(answer.headers.connection).toBe('close');
    expectOpenAIError(answer, 'too_many_connections');
    expect(await chatCount(stack, '503')).toBe(before + 1);
  });

  it('still answers probes on a connection over the cap', async () => {
    const health = await rawExchange(url, (socket) => socket.write('GET /healthz HTTP/1.1\r\nhost: gateway\r\nconnection: close\r\n\r\n'));
    expect(health.status).toBe(200);
  });

  it('serves new connections again once a held one closes', async () => {
    held.pop()!.destroy();
    const served = await pollFor('a new connection to be served', WAIT.local, async () => {
      const answer = await rawExchange(url, (socket) => socket.write(chatRaw('close')));
      return answer.status === 200 && answer;
    });
    expect(JSON.parse(served.body).object).toBe('chat.completion');
  });
});
