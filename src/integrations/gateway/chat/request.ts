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
export const chatRequestSchema = z
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

export type ChatRequest = z.infer<typeof chatRequestSchema>;
export type ChatMessage = ChatRequest['messages'][number];

/** Checks a parsed body; a bad one becomes a 400 naming the first wrong field as OpenAI's `param`. */
export function parseChatRequest(body: unknown): ChatRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalidRequest('the request body must be a JSON object');
  if (isWellFormed(body as Record<string, unknown>)) return body as ChatRequest;
  const result = chatRequestSchema.safeParse(body, { reportInput: true });
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const param = issue.path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? String(k) : `.${String(k)}`)).join('');
  const message = issue.code === 'invalid_type' && issue.input === undefined ? `missing required parameter: '${param}'` : `invalid '${param}': ${issue.message}`;
  return throwInvalid(message, param);
}

const ROLES = new Set(['system', 'developer', 'user', 'assistant', 'tool', 'function']);

/**
 * The schema above, checked by hand for the bodies nearly every request sends: no copy, no
 * issue list. Accepts only what the schema accepts (test/gateway/requestSchema.test.ts holds
 * them to that); anything else goes through zod, for the answer that names the field.
 */
function isWellFormed(b: Record<string, unknown>): boolean {
  const { model, messages, stream, stream_options: options } = b;
  if (typeof model !== 'string' || model.length < 1 || model.length > 256) return false;
  if (!Array.isArray(messages) || messages.length < 1 || messages.length > 10_000) return false;
  for (const m of messages) if (!isMessage(m)) return false;
  if (stream !== undefined && typeof stream !== 'boolean') return false;
  if (options !== undefined && options !== null) {
    if (typeof options !== 'object' || Array.isArray(options)) return false;
    const usage = (options as Record<string, unknown>)['include_usage'];
    if (usage !== undefined && typeof usage !== 'boolean') return false;
  }
  return isCount(b['max_tokens'], Infinity) && isCount(b['max_completion_tokens'], Infinity) && isCount(b['n'], 16);
}

function isMessage(m: unknown): boolean {
  if (typeof m !== 'object' || m === null || Array.isArray(m)) return false;
  const { role, content, name } = m as Record<string, unknown>;
  if (typeof role !== 'string' || !ROLES.has(role)) return false;
  if (name !== undefined && typeof name !== 'string') return false;
  if (content === undefined || content === null || typeof content === 'string') return true;
  if (!Array.isArray(content)) return false;
  // Any part with a type is one the schema lets through; the texts are read where they are strings.
  for (const part of content) {
    if (typeof part !== 'object' || part === null || Array.isArray(part)) return false;
    const type = (part as Record<string, unknown>)['type'];
    if (typeof type !== 'string' || type.length < 1) return false;
  }
  return true;
}

/** Absent, null, or a whole number from 1 to `max` (zod's int() is a safe integer). */
function isCount(v: unknown, max: number): boolean {
  return v === undefined || v === null || (Number.isSafeInteger(v) && (v as number) >= 1 && (v as number) <= max);
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
