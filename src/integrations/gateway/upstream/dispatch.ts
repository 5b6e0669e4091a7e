import type { GatewayConfig } from '../config/schema.js';
import { GatewayError } from '../http/errors.js';
import type { GatewayInstruments } from '../metrics.js';
import { DeadlineExceeded, sendAttempt, type AttemptResult, type FailureOutcome } from './attempt.js';
import type { Provider } from './provider.js';
import type { Hop } from './balancer.js';
import { retryDelayMs, sleep } from './retry.js';

export interface DispatchInput {
  readonly chain: readonly Hop[];
  readonly providers: ReadonlyMap<string, Provider>;
  readonly retry: GatewayConfig['retry'];
  readonly metrics: GatewayInstruments;
  /** The bounded `model` label of this request. */
  readonly modelLabel: string;
  /** The request body as an object; `model` is replaced per hop. */
  readonly body: Record<string, unknown>;
  readonly stream: boolean;
  readonly signal: AbortSignal;
}

export type DispatchResult =
  | { ok: true; provider: string; upstreamModel: string; result: Extract<AttemptResult, { outcome: 'success' | 'rejected' }>; waitedMs: number }
  | { ok: false; provider: string; error: GatewayError; waitedMs: number };

/**
 * Sends a request down its attempt chain: up to `retry.maxAttempts` attempts per provider
 * (waiting the provider's retry-after, or backoff), then the next provider. Each attempt is
 * counted by kind and outcome; each move down the chain is a fallback, counted against the
 * provider given up on. `waitedMs` is time spent waiting on providers (attempts and backoff),
 * which the overhead histogram leaves out.
 */
export async function dispatch(input: DispatchInput): Promise<DispatchResult> {
  const { chain, providers, retry, metrics, modelLabel, signal } = input;
  let waitedMs = 0;
  let last: { outcome: FailureOutcome | 'circuit_open'; retryAfter?: number | undefined; detail: string } = { outcome: 'circuit_open', detail: '' };
  let lastProvider = 'none';

  for (let h = 0; h < chain.length; h++) {
    const hop = chain[h]!;
    const provider = providers.get(hop.provider)!;
    lastProvider = hop.provider;
    const body = JSON.stringify({ ...input.body, model: hop.upstreamModel });
    for (let n = 1; n <= retry.maxAttempts; n++) {
      const kind = n > 1 ? 'retry' : h === 0 ? 'primary' : 'fallback';
      const acquired = provider.acquire();
      if (!acquired) {
        metrics.providerAttempts.inc({ provider: hop.provider, attempt: kind, outcome: 'circuit_open' });
        last = { outcome: 'circuit_open', detail: `every circuit of ${hop.provider} is open` };
        break;
      }
      const started = performance.now();
      const result = await sendAttempt(provider, acquired.credential, body, input.stream, signal);
      const seconds = (performance.now() - started) / 1000;
      waitedMs += seconds * 1000;
      if (result.outcome === 'abandoned') {
        // Neither the provider's success nor its failure: the circuit and attempt counts stay out of it.
        acquired.credential.circuit.record('neutral', acquired.slot);
        return { ok: false, provider: hop.provider, error: abandoned(result.deadline), waitedMs };
      }
      const outcome = result.outcome === 'rejected' ? 'success' : result.outcome;
      metrics.providerAttempts.inc({ provider: hop.provider, attempt: kind, outcome });
      metrics.providerAttemptDuration.observe({ provider: hop.provider, model: modelLabel, outcome }, seconds);
      acquired.credential.circuit.record(outcome === 'success' ? 'success' : outcome === 'rate_limited' ? 'neutral' : 'failure', acquired.slot);
      if (result.outcome === 'success' || result.outcome === 'rejected') {
        return { ok: true, provider: hop.provider, upstreamModel: hop.upstreamModel, result, waitedMs };
      }
      last = result;
      if (n === retry.maxAttempts) break;
      const delay = retryDelayMs(n, retry, result.retryAfter);
      if (delay === undefined) break;
      const before = performance.now();
      try {
        await sleep(delay, signal);
      } catch {
        return { ok: false, provider: hop.provider, error: abandoned(signal.reason instanceof DeadlineExceeded), waitedMs };
      }
      waitedMs += performance.now() - before;
    }
    const next = chain[h + 1];
    if (next) metrics.fallbacks.inc({ provider: hop.provider, fallback_provider: next.provider, reason: last.outcome });
  }
  return { ok: false, provider: lastProvider, error: exhausted(last), waitedMs };
}

/** The client's answer once every provider has failed: 504 for timeouts, 503 when none could be tried or all rate-limited us, else 502. */
function exhausted(last: { outcome: FailureOutcome | 'circuit_open'; retryAfter?: number | undefined; detail: string }): GatewayError {
  switch (last.outcome) {
    case 'timeout':
      return new GatewayError(504, 'upstream_error', `every provider failed; the last one did not answer in time`, 'upstream_timeout');
    case 'circuit_open':
      return new GatewayError(503, 'upstream_error', 'no provider is available: their circuit breakers are open', 'circuit_open', null, 5);
    case 'rate_limited':
      return new GatewayError(503, 'upstream_error', 'every provider is rate-limiting the gateway', 'upstream_rate_limited', null, last.retryAfter ?? 1);
    default:
      return new GatewayError(502, 'upstream_error', `every provider failed; the last: ${last.detail}`, 'upstream_error');
  }
}

function abandoned(deadline: boolean): GatewayError {
  return deadline
    ? new GatewayError(504, 'upstream_error', 'the request did not complete within the gateway deadline', 'deadline_exceeded')
    : new GatewayError(499, 'client_closed_request', 'the client closed the connection', 'client_closed');
}
