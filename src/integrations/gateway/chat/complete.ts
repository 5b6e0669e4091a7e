import type { ServerResponse } from 'node:http';
import { GatewayError } from '../http/errors.js';
import { sendBody } from '../http/send.js';
import { unreadError, type Guardrails, type Verdict } from '../governance/guardrails.js';
import { readUsage, type Usage } from './usage.js';

interface Choice {
  message?: { content?: unknown };
}

/**
 * Answers a non-streaming request from the provider's complete response: response-stage
 * guardrails over every choice's content, then the body as the provider sent it (redactions
 * aside). The usage is returned even when a guardrail blocks the answer: the tokens were spent.
 */
export function sendCompletion(
  res: ServerResponse,
  json: unknown,
  raw: string,
  guardrails: Guardrails,
  headers: Record<string, string>,
  verdicts: Record<string, Verdict>,
): { usage: Usage | undefined; error?: GatewayError } {
  if (typeof json !== 'object' || json === null || !Array.isArray((json as { choices?: unknown }).choices)) {
    return { usage: undefined, error: new GatewayError(502, 'upstream_error', 'the provider answered with a body that is not a chat completion', 'bad_upstream_response') };
  }
  const usage = readUsage((json as { usage?: unknown }).usage);
  const choices = (json as { choices: Choice[] }).choices;
  if (guardrails.covers('response')) {
    const withText = choices.filter((c): c is Choice & { message: { content: string } } => typeof c?.message?.content === 'string');
    const screened = guardrails.screen(
      'response',
      withText.map((c) => c.message.content),
    );
    Object.assign(verdicts, screened.verdicts);
    if (screened.unread) return { usage, error: unreadError('response', screened.unread) };
    if (screened.blockedBy) {
      return { usage, error: new GatewayError(400, 'invalid_request_error', `the response was blocked by the "${screened.blockedBy}" policy`, 'content_policy_violation') };
    }
    let changed = false;
    withText.forEach((c, i) => {
      if (c.message.content !== screened.texts[i]) changed = true;
      c.message.content = screened.texts[i]!;
    });
    if (changed) raw = JSON.stringify(json);
  }
  sendBody(res, 200, raw, headers);
  return { usage };
}
