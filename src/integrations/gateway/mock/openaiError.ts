import type { ServerResponse } from 'node:http';
import { sendJson } from './http.js';

/**
 * Answers in OpenAI's error shape, `{"error": {"message", "type", "param", "code"}}`, with the
 * types and codes OpenAI uses for the same situation, so that the gateway's error mapping is
 * tested against what it will meet.
 */
export function sendOpenAIError(
  res: ServerResponse,
  status: number,
  error: { message: string; type: string; param?: string | null; code?: string | null },
  headers?: Record<string, string | number>,
): void {
  const body = JSON.stringify({ error: { message: error.message, type: error.type, param: error.param ?? null, code: error.code ?? null } });
  sendJson(res, status, body, headers);
}

export const invalidRequest = (message: string, param: string | null = null, code: string | null = null) => ({ message, type: 'invalid_request_error', param, code });

export const SERVER_ERROR = { message: 'The server had an error while processing your request. Sorry about that!', type: 'server_error' };

export const RATE_LIMITED = { message: 'Rate limit reached for requests. Please try again later.', type: 'requests', code: 'rate_limit_exceeded' };

export const BAD_KEY = { message: 'Incorrect API key provided.', type: 'invalid_request_error', code: 'invalid_api_key' };
