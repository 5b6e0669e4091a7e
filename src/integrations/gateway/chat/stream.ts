import { once } from 'node:events';
import type { ServerResponse } from 'node:http';
import type { Dispatcher } from 'undici';
import type { Guardrails, Verdict } from '../governance/guardrails.js';
import type { GatewayInstruments } from '../metrics.js';
import { readUsage, type Usage } from './usage.js';

export interface StreamOutcome {
  /** 200 for a stream that ended with [DONE] (or a guardrail's stop); 502 when the provider broke off; 499 when the client left. */
  readonly code: 200 | 499 | 502;
  /** The provider's usage chunk, when it came before the stream ended. */
  readonly usage: Usage | undefined;
  readonly blockedBy: string | undefined;
  /** Characters of content the provider streamed (before redaction): what an estimate of its usage counts. */
  readonly contentChars: number;
}

interface StreamSettings {
  readonly metrics: GatewayInstruments;
  readonly guardrails: Guardrails;
  readonly labels: { readonly provider: string; readonly model: string };
  /** performance.now() when the client's request arrived: time to first token counts from here. */
  readonly requestStarted: number;
  /** Whether the client asked for the usage chunk; the gateway always asks upstream. */
  readonly clientWantsUsage: boolean;
  readonly headers: Record<string, string>;
  readonly verdicts: Record<string, Verdict>;
  /** Aborted when the client goes away; the upstream body is tied to it too. */
  readonly signal: AbortSignal;
}

interface Chunk {
  choices?: { index?: number; delta?: { content?: unknown } }[];
  usage?: unknown;
}

const DONE = 'data: [DONE]\n\n';

/**
 * Relays an upstream SSE stream to the client event by event, never holding more than one
 * incomplete event. On the way: the usage chunk is read (and withheld if the client did not
 * ask for it), time to first content token and the gaps between content chunks are observed,
 * and stream-stage guardrails redact a chunk or stop the stream with `finish_reason:
 * "content_filter"`. Writes wait for the client to drain, so a slow reader slows the upstream
 * read instead of growing a buffer.
 */
export async function relayStream(res: ServerResponse, body: Dispatcher.ResponseData['body'], s: StreamSettings): Promise<StreamOutcome> {
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', ...s.headers });
  const screening = s.guardrails.covers('stream');
  const decoder = new TextDecoder();
  let pending = '';
  let usage: Usage | undefined;
  let lastContent: number | undefined;
  let done = false;
  let blockedBy: string | undefined;
  let contentChars = 0;

  const write = async (text: string) => {
    if (!res.write(text)) await Promise.race([once(res, 'drain'), once(res, 'close')]);
  };

  // Returns false when the stream must stop here (a guardrail blocked it).
  const handle = async (event: string): Promise<boolean> => {
    let data = '';
    for (const line of event.split('\n')) {
      if (line.startsWith('data:')) data += line.slice(line.charCodeAt(5) === 32 ? 6 : 5);
    }
    if (data === '') return true;
    if (data === '[DONE]') {
      done = true;
      await write(DONE);
      return true;
    }
    let chunk: Chunk;
    try {
      chunk = JSON.parse(data) as Chunk;
    } catch {
      await write(`data: ${data}\n\n`);
      return true;
    }
    let changed = false;
    const reported = chunk.usage === undefined || chunk.usage === null ? undefined : readUsage(chunk.usage);
    if (reported) usage = reported;
    if (reported && !s.clientWantsUsage) {
      if (!chunk.choices || chunk.choices.length === 0) return true;
      delete chunk.usage;
      changed = true;
    }
    for (const choice of chunk.choices ?? []) {
      const content = choice.delta?.content;
      if (typeof content !== 'string' || content === '') continue;
      contentChars += content.length;
      const now = performance.now();
      if (lastContent === undefined) s.metrics.timeToFirstToken.observe(s.labels, (now - s.requestStarted) / 1000);
      else s.metrics.interTokenLatency.observe(s.labels, (now - lastContent) / 1000);
      lastContent = now;
      if (!screening) continue;
      const screened = s.guardrails.screen('stream', [content]);
      for (const [policy, verdict] of Object.entries(screened.verdicts)) {
        if (s.verdicts[policy] !== 'block' && s.verdicts[policy] !== 'redact') s.verdicts[policy] = verdict;
      }
      if (screened.blockedBy) {
        blockedBy = screened.blockedBy;
        await write(`data: ${JSON.stringify({ ...chunk, usage: undefined, choices: [{ index: choice.index ?? 0, delta: {}, finish_reason: 'content_filter' }] })}\n\n`);
        await write(DONE);
        return false;
      }
      if (screened.texts[0] !== content) {
        choice.delta!.content = screened.texts[0];
        changed = true;
      }
    }
    await write(`data: ${changed ? JSON.stringify(chunk) : data}\n\n`);
    return true;
  };

  try {
    for await (const bytes of body as AsyncIterable<Buffer>) {
      pending += decoder.decode(bytes, { stream: true });
      if (pending.includes('\r')) pending = pending.replace(/\r\n?/g, '\n');
      let end: number;
      while ((end = pending.indexOf('\n\n')) >= 0) {
        const event = pending.slice(0, end);
        pending = pending.slice(end + 2);
        if (!(await handle(event))) {
          body.destroy();
          res.end();
          return { code: 200, usage, blockedBy, contentChars };
        }
      }
      if (s.signal.aborted) break;
    }
    if (pending.trim() !== '') await handle(pending);
  } catch {
    // The upstream broke off (reset, idle timeout) or the client left: told apart below.
  }
  if (s.signal.aborted || !res.writable) {
    body.destroy();
    return { code: 499, usage, blockedBy, contentChars };
  }
  if (!done) {
    await write(`data: ${JSON.stringify({ error: { message: 'the provider ended the stream early', type: 'upstream_error', param: null, code: 'upstream_stream_interrupted' } })}\n\n`);
    res.end();
    return { code: 502, usage, blockedBy, contentChars };
  }
  res.end();
  return { code: 200, usage, blockedBy, contentChars };
}
