// The mock's answers, written as JSON text by hand: they are the hot path of the gateway's
// benchmark, and their shape is fixed, so templates save building and stringifying objects.

/** Longest completion the mock writes, whatever `max_tokens` asks for. */
export const MAX_COMPLETION_TOKENS = 4096;

const WORDS = ['the', 'mock', 'says', 'hello', 'to', 'you', 'and', 'all', 'of', 'its', 'tests', 'pass', 'on', 'time', 'every', 'run'];

/** Token i of every completion: a word, with a leading space after the first. */
const PIECES: readonly string[] = Array.from({ length: MAX_COMPLETION_TOKENS }, (_, i) => (i === 0 ? '' : ' ') + WORDS[i % WORDS.length]!);
const PIECE_DELTAS: readonly string[] = PIECES.map((piece) => `{"content":${JSON.stringify(piece)}}`);

/** The content of an n-token completion: the same n words for every request of that length. */
export function completionText(tokens: number): string {
  return PIECES.slice(0, tokens).join('');
}

// Bounded: a benchmark that varies max_tokens must not grow the cache to every length there is.
const contentCache = new Map<number, string>();
function contentJson(tokens: number): string {
  let json = contentCache.get(tokens);
  if (json === undefined) {
    json = JSON.stringify(completionText(tokens));
    if (contentCache.size < 64) contentCache.set(tokens, json);
  }
  return json;
}

/** About four characters a token, as tokenizers average on English; at least 1. */
export function promptTokens(messages: readonly unknown[]): number {
  let chars = 0;
  for (const m of messages) {
    const content = (m as { content?: unknown } | null)?.content;
    if (typeof content === 'string') chars += content.length;
    else if (Array.isArray(content)) {
      for (const part of content) {
        const text = (part as { text?: unknown } | null)?.text;
        if (typeof text === 'string') chars += text.length;
      }
    }
  }
  return Math.max(1, Math.ceil(chars / 4));
}

/** What every answer to one request has in common. */
export interface CompletionHead {
  id: string;
  created: number;
  model: string;
  promptTokens: number;
  completionTokens: number;
}

function usageJson(h: CompletionHead): string {
  return `{"prompt_tokens":${h.promptTokens},"completion_tokens":${h.completionTokens},"total_tokens":${h.promptTokens + h.completionTokens}}`;
}

/** A non-streaming `chat.completion` body. */
export function completionBody(h: CompletionHead): string {
  return (
    `{"id":${JSON.stringify(h.id)},"object":"chat.completion","created":${h.created},"model":${JSON.stringify(h.model)},` +
    `"choices":[{"index":0,"message":{"role":"assistant","content":${contentJson(h.completionTokens)},"refusal":null},"logprobs":null,"finish_reason":"stop"}],` +
    `"usage":${usageJson(h)}}`
  );
}

export const DONE_FRAME = 'data: [DONE]\n\n';

/**
 * The SSE frames of a streamed completion, in order: the role chunk, one chunk per content
 * piece, the finish chunk, the usage chunk (`choices: []`) when `usage` is set, then [DONE].
 * As OpenAI does, every chunk carries `"usage":null` when usage was asked for.
 */
export function streamFrames(h: CompletionHead, includeUsage: boolean, withUsageChunk: boolean): string[] {
  const head = `data: {"id":${JSON.stringify(h.id)},"object":"chat.completion.chunk","created":${h.created},"model":${JSON.stringify(h.model)},"choices":`;
  const tail = includeUsage ? ',"usage":null}\n\n' : '}\n\n';
  const choice = (delta: string, finish: string) => `${head}[{"index":0,"delta":${delta},"logprobs":null,"finish_reason":${finish}}]${tail}`;
  const n = h.completionTokens;
  const frames = new Array<string>(n + 3 + (withUsageChunk ? 1 : 0));
  let i = 0;
  frames[i++] = choice('{"role":"assistant","content":""}', 'null');
  for (let t = 0; t < n; t++) frames[i++] = choice(PIECE_DELTAS[t]!, 'null');
  frames[i++] = choice('{}', '"stop"');
  if (withUsageChunk) frames[i++] = `${head}[],"usage":${usageJson(h)}}\n\n`;
  frames[i++] = DONE_FRAME;
  return frames;
}
