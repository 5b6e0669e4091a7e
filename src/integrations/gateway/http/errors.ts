import type { ServerResponse } from 'node:http';
import { sendBody } from './send.js';

/** The status codes the gateway answers with; the same set the catalog's `code` label declares. */
export type StatusCode = 200 | 400 | 401 | 403 | 404 | 408 | 413 | 415 | 422 | 429 | 499 | 500 | 502 | 503 | 504;

/**
 * An answer other than success, in OpenAI's error shape so OpenAI SDKs surface it as they
 * would OpenAI's own: `{"error": {"message", "type", "param", "code"}}`.
 */
export class GatewayError extends Error {
  constructor(
    readonly status: StatusCode,
    readonly type: string,
    message: string,
    readonly code: string | null = null,
    readonly param: string | null = null,
    /** Seconds, sent as `retry-after` (429 and 503). */
    readonly retryAfter?: number,
  ) {
    super(message);
  }

  body(): string {
    return JSON.stringify({ error: { message: this.message, type: this.type, param: this.param, code: this.code } });
  }
}

export const invalidRequest = (message: string, param: string | null = null, code: string | null = null) =>
  new GatewayError(400, 'invalid_request_error', message, code, param);

/**
 * Writes `error` unless the response has started (a stream): then the caller ends it its own way.
 * A 408 or 413 closes the connection once the answer is out: the rest of that request was
 * never read, so the connection cannot carry another one.
 */
export function sendError(res: ServerResponse, error: GatewayError, extraHeaders: Record<string, string> = {}): void {
  if (res.headersSent) return;
  const headers: Record<string, string | number> = { ...extraHeaders };
  if (error.status === 408 || error.status === 413) headers['connection'] = 'close';
  if (error.retryAfter !== undefined) headers['retry-after'] = Math.max(1, Math.ceil(error.retryAfter));
  sendBody(res, error.status, error.body(), headers);
}
