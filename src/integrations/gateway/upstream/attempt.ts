import type { Dispatcher } from 'undici';
import type { Credential, Provider } from './provider.js';
import { errorCode, isTimeout } from '../http/undiciErrors.js';
import { parseRetryAfter } from './retry.js';

/** How an upstream attempt ended, in the catalog's `outcome` vocabulary (circuit_open aside). */
export type FailureOutcome = 'error' | 'timeout' | 'rate_limited' | 'connection_error';

export type AttemptResult =
  /** 2xx. `json` for a complete response, `stream` for an SSE body not yet read. */
  | { outcome: 'success'; status: number; json?: unknown; raw?: string; stream?: Dispatcher.ResponseData['body'] }
  /** A 4xx that is the request's fault (400, 404, 413, 422): passed to the client, never retried. */
  | { outcome: 'rejected'; status: number; body: string }
  | { outcome: FailureOutcome; status?: number; retryAfter?: number; detail: string }
  /** The client went away or the request's deadline passed; `timeout` is set for the deadline. */
  | { outcome: 'abandoned'; deadline: boolean; detail: string };

const REQUEST_FAULT = new Set([400, 404, 413, 422]);
const MAX_ERROR_BODY = 64 * 1024;

/**
 * Sends one chat completion request to a provider with one credential and classifies the
 * answer. A non-streaming attempt includes reading the whole body, so a connection reset
 * half-way through is this attempt's failure and can be retried.
 */
export async function sendAttempt(
  provider: Provider,
  credential: Credential,
  body: string,
  stream: boolean,
  signal: AbortSignal,
): Promise<AttemptResult> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: stream ? 'text/event-stream' : 'application/json' };
  if (credential.authorization) headers.authorization = credential.authorization;
  let response: Dispatcher.ResponseData;
  try {
    response = await provider.pool.request({ path: `${provider.basePath}/chat/completions`, method: 'POST', headers, body, signal });
  } catch (e) {
    return failure(e, signal);
  }
  const status = response.statusCode;
  if (status >= 200 && status < 300) {
    if (stream) return { outcome: 'success', status, stream: response.body };
    let raw: string;
    try {
      raw = await response.body.text();
    } catch (e) {
      return failure(e, signal);
    }
    try {
      return { outcome: 'success', status, json: JSON.parse(raw), raw };
    } catch {
      return { outcome: 'error', status, detail: 'the provider answered with a body that is not JSON' };
    }
  }
  let text = '';
  try {
    text = await readLimited(response.body);
  } catch {
    // The status already says what happened; an unreadable error body changes nothing.
  }
  if (status === 429) return { outcome: 'rate_limited', status, retryAfter: retryAfterOf(response.headers), detail: 'the provider rate-limited the request' };
  if (status === 408) return { outcome: 'timeout', status, detail: 'the provider timed out the request' };
  if (REQUEST_FAULT.has(status)) return { outcome: 'rejected', status, body: text };
  return { outcome: 'error', status, retryAfter: status === 503 ? retryAfterOf(response.headers) : undefined, detail: `the provider answered ${status}` };
}

// OpenAI sends the exact wait in milliseconds beside the whole seconds of retry-after.
function retryAfterOf(headers: Dispatcher.ResponseData['headers']): number | undefined {
  const ms = headers['retry-after-ms'];
  if (typeof ms === 'string' && /^\d+(\.\d+)?$/.test(ms.trim())) return Number(ms) / 1000;
  return parseRetryAfter(headers['retry-after']);
}

function failure(e: unknown, signal: AbortSignal): AttemptResult {
  if (signal.aborted) {
    const deadline = signal.reason instanceof DeadlineExceeded;
    return { outcome: 'abandoned', deadline, detail: deadline ? 'the request deadline passed' : 'the client closed the connection' };
  }
  const code = errorCode(e);
  if (isTimeout(e)) return { outcome: 'timeout', detail: `no answer from the provider in time (${code})` };
  return { outcome: 'connection_error', detail: `connection to the provider failed (${code ?? (e as Error).message})` };
}

async function readLimited(body: Dispatcher.ResponseData['body']): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    if (size < MAX_ERROR_BODY) chunks.push(chunk);
    size += chunk.length;
  }
  return Buffer.concat(chunks).toString('utf8').slice(0, MAX_ERROR_BODY);
}

/** The abort reason of a request whose deadline passed, told apart from a client that left. */
export class DeadlineExceeded extends Error {
  constructor() {
    super('the request deadline passed');
  }
}
