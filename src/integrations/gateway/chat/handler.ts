import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Outbox } from '../governance/outbox.js';
import type { AuditQueue } from '../governance/audit.js';
import { unreadError, type Verdict } from '../governance/guardrails.js';
import type { VirtualKey } from '../governance/keys.js';
import { readJsonBody } from '../http/body.js';
import { GatewayError, sendError, type StatusCode } from '../http/errors.js';
import { sendBody } from '../http/send.js';
import type { Logger } from '../log.js';
import type { GatewayInstruments } from '../metrics.js';
import { attemptChain } from '../upstream/balancer.js';
import { dispatch } from '../upstream/dispatch.js';
import type { ModelRoute, Runtime } from '../runtime.js';
import { DeadlineExceeded } from '../upstream/attempt.js';
import { sendCompletion } from './complete.js';
import { messageTexts, parseChatRequest, type ChatRequest } from './request.js';
import { relayStream } from './stream.js';
import { estimatedUsage, tokenBound } from './tokens.js';
import { priceOf, type Usage, type UsageSource } from './usage.js';

/** What outlives a config reload: the instruments, the queues to the ledger, the logger. */
export interface Services {
  readonly metrics: GatewayInstruments;
  readonly outbox: Outbox;
  readonly audit: AuditQueue;
  readonly logger: Logger;
  /** One `info` line per request; 5xx answers are logged (as `warn`) either way. */
  readonly accessLog: boolean;
}

/** Everything the final accounting needs, filled in as the request moves along. */
interface Account {
  code: StatusCode;
  key: VirtualKey | undefined;
  model: string;
  modelLabel: string;
  /** The model's route once the request named a served model: its targets and price. */
  route: ModelRoute | undefined;
  provider: string;
  stream: boolean;
  usage: Usage | undefined;
  usageSource: UsageSource | undefined;
  /** The request's worst case in tokens, taken from its token limits at admission. */
  estimatedTokens: number;
  /** Its worst-case cost, reserved against the team's budget until the request is settled. */
  reservedUsd: number | undefined;
  /** Time spent waiting on providers, which is not the gateway's overhead. */
  waitedMs: number;
  verdicts: Record<string, Verdict>;
}

const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * `POST /v1/chat/completions`: authenticate, read and check the body, admit against rate
 * limits and the team budget, screen the prompt, send it down the provider chain, answer
 * (streamed or not), then account for it once: request count and latency, overhead, tokens,
 * cost, budget debit, audit event, rate-limit settlement.
 */
export async function handleChat(req: IncomingMessage, res: ServerResponse, runtime: Runtime, services: Services): Promise<void> {
  const started = performance.now();
  const { metrics } = services;
  const incoming = req.headers['x-request-id'];
  const requestId = typeof incoming === 'string' && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
  const headers = { 'x-request-id': requestId };
  const account: Account = {
    code: 200,
    key: undefined,
    model: 'none',
    modelLabel: 'none',
    route: undefined,
    provider: 'none',
    stream: false,
    usage: undefined,
    usageSource: undefined,
    estimatedTokens: 0,
    reservedUsd: undefined,
    waitedMs: 0,
    verdicts: {},
  };
  // One signal for the upstream calls: the client leaving, or the deadline passing.
  const controller = new AbortController();
  const onClose = () => {
    if (!res.writableFinished) controller.abort(new Error('client closed the connection'));
  };
  res.once('close', onClose);
  const deadline = setTimeout(() => controller.abort(new DeadlineExceeded()), runtime.config.server.requestTimeoutMs);
  metrics.inFlight.inc({ route: 'chat_completions' });

  try {
    account.key = runtime.keys.authenticate(req.headers.authorization);
    if (!account.key) throw new GatewayError(401, 'invalid_request_error', 'missing or unknown API key: send "Authorization: Bearer <key>"', 'invalid_api_key');
    const request = parseChatRequest(await readJsonBody(req, runtime.config.server));
    account.stream = request.stream === true;
    account.model = request.model;
    account.modelLabel = runtime.modelLabel.of(request.model);
    const route = (account.route = runtime.models.get(request.model));
    if (!route) throw new GatewayError(404, 'invalid_request_error', `the model "${request.model.slice(0, 128)}" does not exist or is not served here`, 'model_not_found', 'model');

    const worstCase = tokenBound(request, route.maxOutputTokens);
    account.estimatedTokens = worstCase.inputTokens + worstCase.outputTokens;
    const admission = runtime.limiter.admit(account.key, account.estimatedTokens, runtime.teamLabel.of(account.key.team));
    if (!admission.admitted) {
      account.estimatedTokens = 0;
      throw new GatewayError(429, 'rate_limit_error', `rate limit of the ${admission.scope} reached (${admission.limit} per minute)`, 'rate_limit_exceeded', null, admission.retryAfter);
    }
    const worstCaseUsd = priceOf(worstCase, route.price);
    const reservation = await runtime.budget.reserve(account.key.team, worstCaseUsd);
    if (!reservation.reserved) throw budgetExceeded(account.key.team, reservation.leftUsd, worstCaseUsd);
    account.reservedUsd = worstCaseUsd;
    const prompt = screenPrompt(request, runtime, account.verdicts);

    const result = await dispatch({
      chain: attemptChain(route.targets, route.fallbacks),
      providers: runtime.providers,
      retry: runtime.config.retry,
      metrics,
      modelLabel: account.modelLabel,
      body: account.stream ? { ...prompt, stream_options: { ...(prompt.stream_options ?? {}), include_usage: true } } : prompt,
      stream: account.stream,
      signal: controller.signal,
    });
    account.provider = result.provider;
    account.waitedMs = result.waitedMs;
    if (!result.ok) throw result.error;
    clearTimeout(deadline);

    const answer = result.result;
    if (answer.outcome === 'rejected') {
      // The provider refused the request itself (bad parameters, context too long): the client's to fix.
      account.code = answer.status as StatusCode;
      const body = isOpenAIError(answer.body) ? answer.body : new GatewayError(account.code, 'invalid_request_error', `the provider refused the request (${answer.status})`).body();
      sendBody(res, answer.status, body, headers);
    } else if (account.stream) {
      const relayStarted = performance.now();
      const outcome = await relayStream(res, answer.stream!, {
        metrics,
        guardrails: runtime.guardrails,
        labels: { provider: account.provider, model: account.modelLabel },
        requestStarted: started,
        clientWantsUsage: request.stream_options?.include_usage === true,
        headers,
        verdicts: account.verdicts,
        signal: controller.signal,
      });
      account.waitedMs += performance.now() - relayStarted;
      account.code = outcome.code;
      if (outcome.usage) {
        account.usage = outcome.usage;
        account.usageSource = 'provider';
      } else if (outcome.code === 200 && !outcome.blockedBy) {
        metrics.streamingUsageMissing.inc({ provider: account.provider, model: account.modelLabel });
      } else if (outcome.contentChars > 0) {
        // Cut short (the client left, the provider broke off, a guardrail stopped it) before
        // the usage chunk: what was streamed is billed all the same, estimated.
        account.usage = estimatedUsage(request, outcome.contentChars);
        account.usageSource = 'estimated';
      }
    } else {
      const sent = sendCompletion(res, answer.json, answer.raw ?? JSON.stringify(answer.json), runtime.guardrails, headers, account.verdicts);
      account.usage = sent.usage;
      account.usageSource = 'provider';
      if (sent.error) throw sent.error;
    }
  } catch (e) {
    const error = e instanceof GatewayError ? e : internalError(e, services, requestId);
    account.code = controller.signal.aborted && !(controller.signal.reason instanceof DeadlineExceeded) ? 499 : error.status;
    // A request whose stream failed has no one to answer: the parser's clientError handler
    // answers broken framing, and a client that left is gone.
    if (!req.errored) sendError(res, error, headers);
  } finally {
    clearTimeout(deadline);
    res.off('close', onClose);
    metrics.inFlight.dec({ route: 'chat_completions' });
    settle(account, runtime, services, requestId, started);
  }
}

function screenPrompt(request: ChatRequest, runtime: Runtime, verdicts: Record<string, Verdict>): ChatRequest {
  if (!runtime.guardrails.covers('request')) return request;
  const texts = messageTexts(request);
  const screened = runtime.guardrails.screen('request', texts);
  Object.assign(verdicts, screened.verdicts);
  if (screened.unread) throw unreadError('request', screened.unread);
  if (screened.blockedBy) {
    throw new GatewayError(400, 'invalid_request_error', `the request was blocked by the "${screened.blockedBy}" policy`, 'content_policy_violation', 'messages');
  }
  if (screened.texts.every((t, i) => t === texts[i])) return request;
  // Write the redacted texts back in the order messageTexts read them.
  let i = 0;
  const messages = request.messages.map((m) => {
    if (typeof m.content === 'string') return { ...m, content: screened.texts[i++]! };
    if (Array.isArray(m.content)) {
      return { ...m, content: m.content.map((part) => (part.type === 'text' && typeof part.text === 'string' ? { ...part, text: screened.texts[i++]! } : part)) };
    }
    return m;
  });
  return { ...request, messages };
}

/** Records the request everywhere it counts, exactly once. */
function settle(a: Account, runtime: Runtime, services: Services, requestId: string, started: number): void {
  const { metrics } = services;
  const seconds = (performance.now() - started) / 1000;
  const team = a.key ? runtime.teamLabel.of(a.key.team) : 'none';
  const stream = a.stream ? 'true' : 'false';
  metrics.requests.inc({ route: 'chat_completions', code: String(a.code) as `${StatusCode}`, provider: a.provider, model: a.modelLabel, team, stream });
  metrics.requestDuration.observe({ route: 'chat_completions', provider: a.provider, model: a.modelLabel, stream }, seconds);
  metrics.overhead.observe({ route: 'chat_completions' }, Math.max(0, seconds - a.waitedMs / 1000));

  const at = runtime.ledger ? new Date().toISOString() : '';
  let usd: number | undefined;
  if (a.usage && a.route && a.key) {
    usd = priceOf(a.usage, a.route.price);
    const labels = { provider: a.provider, model: a.modelLabel, team };
    metrics.tokens.inc({ direction: 'input', ...labels }, a.usage.inputTokens);
    metrics.tokens.inc({ direction: 'output', ...labels }, a.usage.outputTokens);
    metrics.cost.inc(labels, usd);
    if (runtime.ledger) {
      services.outbox.enqueue({
        id: requestId + ':debit',
        team: a.key.team,
        key: a.key.id,
        provider: a.provider,
        model: a.model,
        inputTokens: a.usage.inputTokens,
        outputTokens: a.usage.outputTokens,
        usd,
        at,
      });
    }
  }
  if (a.key && a.reservedUsd !== undefined) runtime.budget.settle(a.key.team, a.reservedUsd, usd ?? 0);
  if (a.key && a.estimatedTokens > 0) {
    runtime.limiter.settle(a.key, a.estimatedTokens, a.usage ? a.usage.inputTokens + a.usage.outputTokens : a.code === 200 ? a.estimatedTokens : 0);
  }
  if (runtime.ledger) {
    services.audit.emit({
      id: requestId + ':audit',
      type: 'audit',
      at,
      requestId,
      team: a.key?.team ?? 'none',
      key: a.key?.id ?? 'none',
      model: a.modelLabel,
      provider: a.provider,
      status: a.code,
      stream: a.stream,
      durationMs: Math.round(seconds * 1000),
      inputTokens: a.usage?.inputTokens,
      outputTokens: a.usage?.outputTokens,
      usd,
      usageSource: a.usage ? a.usageSource : undefined,
      policyVerdicts: Object.keys(a.verdicts).length > 0 ? a.verdicts : undefined,
    });
  }
  if (!services.accessLog && a.code < 500) return;
  services.logger.log(a.code >= 500 ? 'warn' : 'info', 'request', {
    requestId,
    route: 'chat_completions',
    status: a.code,
    model: a.modelLabel,
    provider: a.provider,
    team,
    key: a.key?.id,
    stream: a.stream,
    durationMs: Math.round(seconds * 1000),
  });
}

function budgetExceeded(team: string, leftUsd: number, worstCaseUsd: number): GatewayError {
  const message =
    leftUsd > 0
      ? `the budget of team "${team}" has ${leftUsd.toFixed(6)} USD left after the requests in flight, and this request may cost up to ${worstCaseUsd.toFixed(6)} USD: ask for fewer max_tokens`
      : `the budget of team "${team}" is spent`;
  return new GatewayError(403, 'insufficient_quota', message, 'budget_exceeded');
}

function isOpenAIError(body: string): boolean {
  try {
    const parsed = JSON.parse(body) as { error?: { message?: unknown } };
    return typeof parsed.error?.message === 'string';
  } catch {
    return false;
  }
}

function internalError(e: unknown, services: Services, requestId: string): GatewayError {
  services.logger.log('error', 'internal error', { requestId, error: e instanceof Error ? e.message : String(e) });
  return new GatewayError(500, 'server_error', 'the gateway failed to process the request', 'internal_error');
}
