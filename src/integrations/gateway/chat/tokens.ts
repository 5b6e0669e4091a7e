import { invalidRequest } from '../http/errors.js';
import { messageTexts, type ChatMessage, type ChatRequest } from './request.js';
import type { Usage } from './usage.js';

/**
 * Tokens of the chat format around one message (start and end markers, the role, a name's
 * marker): OpenAI's cookbook counts 3, plus the role's tokens, plus 1 for a name. 16 covers
 * every role name with room to spare.
 */
const MESSAGE_OVERHEAD = 16;
/** Tokens that prime the reply (`<|start|>assistant<|message|>`). */
const REPLY_OVERHEAD = 3;

const LIMIT_PARAMS = ['max_completion_tokens', 'max_tokens'] as const;

const utf8 = (text: string) => Buffer.byteLength(text, 'utf8');

/**
 * The most tokens a request can be billed for, before the provider has said: its worst case,
 * reserved against its team's budget and taken from its token limits.
 *
 * Input: the UTF-8 bytes of each message's text and name plus MESSAGE_OVERHEAD per message and
 * REPLY_OVERHEAD. A byte-level BPE tokenizer (OpenAI's, Llama 3's) never makes more tokens than
 * there are bytes, so this is a true upper bound on text (four characters a token is only an
 * average). A message carrying anything but text (tool calls, images, audio) counts the bytes of
 * its whole JSON instead, and so do tool and function definitions: a bound for everything sent
 * as text, but not for what a provider bills for an image or audio clip beyond its bytes.
 *
 * Output: n × the completion limit the request asks for, or the model's limit when it asks
 * none. Asking more than the model's limit is OpenAI's 400, naming the parameter.
 */
export function tokenBound(request: ChatRequest, maxOutputTokens: number): Usage {
  for (const param of LIMIT_PARAMS) {
    const asked = request[param];
    if (asked != null && asked > maxOutputTokens) {
      throw invalidRequest(`${param} is too large: ${asked}. This model supports at most ${maxOutputTokens} completion tokens, whereas you provided ${asked}.`, param, 'invalid_value');
    }
  }
  let input = REPLY_OVERHEAD;
  for (const m of request.messages) input += MESSAGE_OVERHEAD + messageBytes(m);
  const extra = request as { tools?: unknown; functions?: unknown };
  if (extra.tools != null) input += utf8(JSON.stringify(extra.tools));
  if (extra.functions != null) input += utf8(JSON.stringify(extra.functions));
  const output = (request.n ?? 1) * (request.max_completion_tokens ?? request.max_tokens ?? maxOutputTokens);
  return { inputTokens: input, outputTokens: output };
}

function messageBytes(m: ChatMessage): number {
  let plain = typeof m.content === 'string' || m.content == null;
  for (const field in m) if (field !== 'role' && field !== 'content' && field !== 'name') plain = false;
  if (!plain) return utf8(JSON.stringify(m));
  return (typeof m.content === 'string' ? utf8(m.content) : 0) + (m.name === undefined ? 0 : utf8(m.name));
}

/** About four characters a token, as tokenizers average on English text. */
const estimateFromChars = (chars: number) => Math.ceil(chars / 4);

/**
 * What a stream cut short used, when the provider's usage never came: the prompt's text at
 * four characters a token, and the content the provider streamed (delivered or on its way) the
 * same way. An estimate, not a bound: it bills what was delivered, not what might have been.
 */
export function estimatedUsage(request: ChatRequest, contentChars: number): Usage {
  let promptChars = 0;
  for (const text of messageTexts(request)) promptChars += text.length;
  return { inputTokens: estimateFromChars(promptChars), outputTokens: estimateFromChars(contentChars) };
}
