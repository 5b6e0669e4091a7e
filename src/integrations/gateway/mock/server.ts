import type { IncomingMessage, ServerResponse } from 'node:http';
import { completionBody, MAX_COMPLETION_TOKENS, promptTokens, streamFrames, type CompletionHead } from './completion.js';
import { DEFAULT_FAULTS, drawFaults, mergeFaults, type Draw, type Faults, type FaultsPatch, type Outcome } from './faults.js';
import { InvalidSettings } from './fieldIssues.js';
import { closeServer, createLocalServer, failureHandler, isGone, listenLocal, parseJson, pathOf, putSettings, readBody, sendJson, Timers } from './http.js';
import { BAD_KEY, invalidRequest, RATE_LIMITED, SERVER_ERROR, sendOpenAIError } from './openaiError.js';
import { seededRandom, seedOf, type Random } from './random.js';

/** The models a mock serves unless told otherwise: the names of the gateway's default config. */
export const DEFAULT_MODELS: readonly string[] = ['gpt-4o', 'gpt-4o-mini', 'claude-sonnet', 'llama-3-70b'];

const MAX_BODY_BYTES = 4 * 1024 * 1024;

/** How a chat completion request ended: a fault's outcome, a cut stream, or a 4xx for the request itself. */
export type MockOutcome = Outcome | 'aborted' | 'rejected';

export interface LastRequest {
  /** Whether an `Authorization: Bearer …` header came: the key itself is never kept. */
  authorization: boolean;
  /** Its `x-request-id`, to check that the gateway forwards one. */
  requestId: string | null;
  model: string | null;
  stream: boolean;
}

export interface MockStats {
  /** Chat completion requests received, whatever became of them. */
  requests: number;
  outcomes: Record<MockOutcome, number>;
  streams: number;
  /** Streams that asked for `stream_options.include_usage`. */
  includeUsage: number;
  /** Of those, the ones the omitUsage fault left without a usage chunk. */
  usageOmitted: number;
  /** Requests that carried a bearer token. */
  withAuthorization: number;
  lastRequest: LastRequest | null;
}

export interface MockProvider {
  readonly name: string;
  /** `http://127.0.0.1:PORT`, without `/v1`. */
  readonly url: string;
  readonly port: number;
  /** Merges into the current faults; throws `InvalidSettings` naming the field, changing nothing. */
  setFaults(f: FaultsPatch): void;
  faults(): Faults;
  /** A copy: later requests do not change it. */
  stats(): MockStats;
  /** Back to healthy faults, zeroed stats and the start of the seeded sequence, as `POST /admin/reset`. */
  reset(): void;
  /** Ends every connection, held ones included. */
  close(): Promise<void>;
}

export interface MockProviderOptions {
  /** In ids, in the `x-mock-provider` header, and the default seed. Default "mock". */
  name?: string;
  /** 0 (the default) lets the kernel pick. */
  port?: number;
  faults?: FaultsPatch;
  /** Models it serves; others get 404 model_not_found. `['*']` serves any model name. */
  models?: readonly string[];
  /** Seed of the fault draws; default derived from `name`. */
  seed?: number;
  /** Keys accepted as `Authorization: Bearer <key>`; others get 401 invalid_api_key. Default: any or none. */
  requireKey?: string | readonly string[];
}

function emptyStats(): MockStats {
  return {
    requests: 0,
    outcomes: { ok: 0, error: 0, rate_limited: 0, timeout: 0, reset: 0, aborted: 0, rejected: 0 },
    streams: 0,
    includeUsage: 0,
    usageOmitted: 0,
    withAuthorization: 0,
    lastRequest: null,
  };
}

/**
 * Starts an OpenAI-compatible fake provider on 127.0.0.1: deterministic completions, streamed
 * or not, with faults drawn per request from a seeded generator.
 *
 * @example
 * const provider = await startMockProvider({ name: 'provider-a', faults: { latencyMs: { p50: 200 }, errorRate: 0.05 } });
 * // point the gateway at `${provider.url}/v1`, then:
 * provider.setFaults({ rateLimitRate: 1, retryAfterSeconds: 2 });
 * await provider.close();
 */
export async function startMockProvider(options: MockProviderOptions = {}): Promise<MockProvider> {
  const name = options.name ?? 'mock';
  const seed = options.seed ?? seedOf(name);
  const models = options.models ?? DEFAULT_MODELS;
  const anyModel = models.includes('*');
  const servedModels = new Set(models);
  const keys = options.requireKey === undefined ? undefined : new Set([options.requireKey].flat().map((k) => `Bearer ${k}`));

  const initial = mergeFaults(DEFAULT_FAULTS, options.faults);
  if (!initial.ok) throw new InvalidSettings('mock provider faults', initial.issues);
  let faults: Readonly<Faults> = initial.faults;
  let random: Random = seededRandom(seed);
  let stats = emptyStats();
  let sequence = 0;

  const timers = new Timers();
  const providerHeader = { 'x-mock-provider': name };
  const sseHeaders = { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', 'x-mock-provider': name };
  const modelList = JSON.stringify({
    object: 'list',
    data: models.filter((m) => m !== '*').map((id) => ({ id, object: 'model', created: 1_700_000_000, owned_by: name })),
  });

  const reset = () => {
    faults = DEFAULT_FAULTS;
    random = seededRandom(seed);
    stats = emptyStats();
    sequence = 0;
  };

  const authorized = (req: IncomingMessage) => keys === undefined || keys.has(req.headers.authorization ?? '');

  const reject = (res: ServerResponse, status: number, error: Parameters<typeof sendOpenAIError>[2]) => {
    stats.outcomes.rejected++;
    sendOpenAIError(res, status, error, providerHeader);
  };

  async function chat(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const text = await readBody(req, MAX_BODY_BYTES);
    stats.requests++;
    const auth = req.headers.authorization;
    const bearer = auth !== undefined && /^bearer\s+\S/i.test(auth);
    if (bearer) stats.withAuthorization++;
    const requestId = req.headers['x-request-id'];
    const last: LastRequest = { authorization: bearer, requestId: typeof requestId === 'string' ? requestId : null, model: null, stream: false };
    stats.lastRequest = last;

    if (!authorized(req)) return reject(res, 401, BAD_KEY);
    if (text === undefined) return reject(res, 413, invalidRequest(`The request body is larger than ${MAX_BODY_BYTES} bytes.`, null, 'request_too_large'));
    const body = parseJson(text);
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return reject(res, 400, invalidRequest('We could not parse the JSON body of your request. The OpenAI API expects a JSON object.'));
    }
    const { model, messages, stream, stream_options, max_tokens, max_completion_tokens } = body as Record<string, unknown>;
    if (typeof model !== 'string' || model === '') return reject(res, 400, invalidRequest('you must provide a model parameter', 'model'));
    last.model = model;
    last.stream = stream === true;
    if (!Array.isArray(messages) || messages.length === 0) return reject(res, 400, invalidRequest("'messages' must be a non-empty array", 'messages'));
    const limitParam = max_completion_tokens != null ? 'max_completion_tokens' : 'max_tokens';
    const limit = max_completion_tokens ?? max_tokens;
    if (limit != null && !(Number.isInteger(limit) && (limit as number) >= 1)) {
      return reject(res, 400, invalidRequest(`'${limitParam}' must be a positive integer`, limitParam));
    }
    if (!anyModel && !servedModels.has(model)) {
      return reject(res, 404, invalidRequest(`The model \`${model}\` does not exist or you do not have access to it.`, null, 'model_not_found'));
    }
    const streamed = stream === true;
    const includeUsage = streamed && (stream_options as { include_usage?: unknown } | null | undefined)?.include_usage === true;
    if (streamed) stats.streams++;
    if (includeUsage) stats.includeUsage++;

    const draw = drawFaults(faults, random);
    const outcome: MockOutcome = draw.outcome === 'ok' && streamed && draw.abortStream ? 'aborted' : draw.outcome;
    stats.outcomes[outcome]++;
    // Held: no timer, no answer. The client's own timeout, or close(), ends the connection.
    if (outcome === 'timeout') return;

    const head: CompletionHead = {
      id: `chatcmpl-${name}-${++sequence}`,
      created: Math.floor(Date.now() / 1000),
      model,
      promptTokens: promptTokens(messages),
      completionTokens: Math.min((limit as number | null | undefined) ?? faults.completionTokens, MAX_COMPLETION_TOKENS),
    };
    // The settings of the moment the request came in: a fault changed mid-stream applies to the next request.
    const f = faults;
    const answer = () => {
      if (isGone(res)) return;
      if (draw.outcome === 'reset') res.socket?.resetAndDestroy();
      else if (draw.outcome === 'rate_limited') sendOpenAIError(res, 429, RATE_LIMITED, rateLimitHeaders(f.retryAfterSeconds, name));
      else if (draw.outcome === 'error') sendOpenAIError(res, f.errorStatus, SERVER_ERROR, providerHeader);
      else if (!streamed) sendJson(res, 200, completionBody(head), providerHeader);
      else sendStream(res, head, f, draw, includeUsage);
    };
    if (draw.latencyMs > 0) timers.after(draw.latencyMs, answer);
    else answer();
  }

  function sendStream(res: ServerResponse, head: CompletionHead, f: Readonly<Faults>, draw: Draw, includeUsage: boolean): void {
    const omitUsage = includeUsage && draw.omitUsage;
    if (omitUsage) stats.usageOmitted++;
    const frames = streamFrames(head, includeUsage, includeUsage && !omitUsage);
    res.writeHead(200, sseHeaders);
    // Frame 0 is the role chunk, 1..n the content, n+1 the finish chunk.
    const n = head.completionTokens;
    const cutBefore = draw.abortStream ? 1 + Math.ceil(n / 2) : -1;
    if (cutBefore < 0 && f.firstChunkDelayMs === 0 && f.streamChunkDelayMs === 0) {
      res.end(frames.join(''));
      return;
    }
    const delayBefore = (i: number) => (i === 1 ? f.firstChunkDelayMs : i <= n + 1 ? f.streamChunkDelayMs : 0);
    let i = 0;
    const pump = (): void => {
      if (isGone(res)) return;
      for (;;) {
        const frame = frames[i++]!;
        if (i === cutBefore) {
          // Closed once the written part has left, so the client reads half a stream, then an
          // unterminated chunked body: what a provider dying mid-answer looks like.
          res.write(frame, () => res.socket?.destroy());
          return;
        }
        res.write(frame);
        if (i === frames.length) return void res.end();
        const wait = delayBefore(i);
        if (wait > 0) return timers.after(wait, pump);
      }
    };
    pump();
  }

  const server = createLocalServer((req, res) => {
    const route = `${req.method} ${pathOf(req)}`;
    const failed = failureHandler(res);
    switch (route) {
      case 'POST /v1/chat/completions':
        return void chat(req, res).catch(failed);
      case 'GET /v1/models':
        if (!authorized(req)) return sendOpenAIError(res, 401, BAD_KEY, providerHeader);
        return sendJson(res, 200, modelList, providerHeader);
      case 'GET /admin/faults':
        return sendJson(res, 200, JSON.stringify(faults));
      case 'PUT /admin/faults':
        return void putSettings(req, res, (patch) => mergeFaults(faults, patch), (f) => (faults = f)).catch(failed);
      case 'POST /admin/reset':
        reset();
        return sendJson(res, 200, '{"reset":true}');
      case 'GET /admin/stats':
        return sendJson(res, 200, JSON.stringify(stats));
      default:
        req.resume();
        return sendOpenAIError(res, 404, invalidRequest(`Invalid URL (${route})`));
    }
  });
  const port = await listenLocal(server, options.port ?? 0);

  return {
    name,
    url: `http://127.0.0.1:${port}`,
    port,
    setFaults(patch) {
      const merged = mergeFaults(faults, patch);
      if (!merged.ok) throw new InvalidSettings('mock provider faults', merged.issues);
      faults = merged.faults;
    },
    faults: () => structuredClone(faults),
    stats: () => structuredClone(stats),
    reset,
    close: () => closeServer(server, timers),
  };
}

function rateLimitHeaders(retryAfterSeconds: number, name: string): Record<string, string | number> {
  return {
    'retry-after': Math.ceil(retryAfterSeconds),
    'retry-after-ms': Math.round(retryAfterSeconds * 1000),
    'x-ratelimit-limit-requests': 10_000,
    'x-ratelimit-remaining-requests': 0,
    'x-ratelimit-reset-requests': `${retryAfterSeconds}s`,
    'x-mock-provider': name,
  };
}
