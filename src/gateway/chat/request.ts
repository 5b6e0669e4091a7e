import { z } from 'zod';
import { invalidRequest } from '../http/errors.js';

const textPart = z.object({ type: z.literal('text'), text: z.string() }).loose();
const otherPart = z.object({ type: z.string().min(1) }).loose();
const message = z
  .object({
    role: z.enum(['system', 'developer', 'user', 'assistant', 'tool', 'function']),
    // null is allowed for assistant turns that only carry tool calls.
    content: z.union([z.string(), z.array(z.union([textPart, otherPart])), z.null()]).optional(),
    name: z.string().optional(),
  })
  .loose();

/**
 * The fields the gateway reads. Everything else (temperature, tools, response_format, ...) is
 * passed upstream untouched, as OpenAI-compatible gateways do.
 */
const chatRequest = z
  .object({
    model: z.string().min(1).max(256),
    messages: z.array(message).min(1, 'messages must hold at least one message').max(10_000),
    stream: z.boolean().optional(),
    stream_options: z.object({ include_usage: z.boolean().optional() }).loose().nullable().optional(),
    max_tokens: z.number().int().positive().nullable().optional(),
    max_completion_tokens: z.number().int().positive().nullable().optional(),
    n: z.number().int().min(1).max(16).nullable().optional(),
  })
  .loose();

export type ChatRequest = z.infer<typeof chatRequest>;
export type ChatMessage = ChatRequest['messages'][number];

/** Checks a parsed body; a bad one becomes a 400 naming the first wrong field as OpenAI's `param`. */
export function parseChatRequest(body: unknown): ChatRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalidRequest('the request body must be a JSON object');
  const result = chatRequest.safeParse(body, { reportInput: true });
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const param = issue.path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? String(k) : `.${String(k)}`)).join('');
  const message = issue.code === 'invalid_type' && issue.input === undefined ? `missing required parameter: '${param}'` : `invalid '${param}': ${issue.message}`;
  return throwInvalid(message, param);
}

function throwInvalid(message: string, param: string): never {
  throw invalidRequest(message, param || null, 'invalid_value');
}

/** Text the guardrails and the token estimate read: every string content and text part. */
export function messageTexts(request: ChatRequest): string[] {
  const out: string[] = [];
  for (const m of request.messages) {
    if (typeof m.content === 'string') out.push(m.content);
    else if (Array.isArray(m.content)) for (const part of m.content) if (part.type === 'text' && typeof part.text === 'string') out.push(part.text);
  }
  return out;
}

/**
 * Tokens this request may use, for rate limiting before the provider has said: about four
 * characters per prompt token, plus the completion it allows. Settled from usage afterwards.
 */
export function estimateTokens(request: ChatRequest, defaultCompletion = 256): number {
  let chars = 0;
  for (const text of messageTexts(request)) chars += text.length;
  const completion = request.max_completion_tokens ?? request.max_tokens ?? defaultCompletion;
  return Math.ceil(chars / 4) + completion * (request.n ?? 1);
}
