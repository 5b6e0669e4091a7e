import { counter, defineMetrics, gauge, histogram } from '../../library/runtime.js';
import type { Instruments } from '../../library/runtime.js';

// Label value sets shared by several metrics: declared once so that a join between, say,
// requests and requestDuration on `route` can never compare two different vocabularies.
const route = ['chat_completions', 'models'] as const;
const stream = ['true', 'false'] as const;
/** Every status the gateway itself answers with; 499 is the client closing the connection first. */
const code = ['200', '400', '401', '403', '404', '408', '413', '415', '422', '429', '499', '500', '502', '503', '504'] as const;
const attemptOutcome = ['success', 'error', 'timeout', 'rate_limited', 'connection_error', 'circuit_open'] as const;
const policyStage = ['request', 'response', 'stream'] as const;
const authTier = ['l1', 'l2'] as const;
const eventType = ['audit'] as const;

// Request-scale latency bounds. 0.3, 0.5, 2, 4, 5, 8 and 10 are SLO and alert thresholds:
// a threshold between two bounds can only be estimated, never counted exactly.
const requestLatencyBuckets = [0.05, 0.1, 0.2, 0.3, 0.5, 1, 2, 4, 5, 8, 10, 20, 30, 60] as const;

/**
 * The metric contract of lookout's reference AI gateway. The gateway records through
 * `instrument(gateway)`, and every rule, SLO and dashboard queries through `gateway.metrics`,
 * so both sides fail to compile on a name or label the other does not have.
 */
export const gateway = defineMetrics({
  job: 'ai-gateway',
  metrics: {
    /** One per answered client request, counted when the response (or stream) ends. The SLI of availability. */
    requests: counter({
      name: 'gateway_requests_total',
      help: 'Client requests answered by the gateway, counted when the response or stream ends, by final status code.',
      labels: { route, code, provider: 'open', model: 'open', team: 'open', stream },
    }),
    /** Client-visible latency, including retries and fallback; streams end at their last byte. */
    requestDuration: histogram({
      name: 'gateway_request_duration_seconds',
      help: 'Time from receiving a client request to sending the last byte of its response, retries and fallbacks included.',
      unit: 'seconds',
      labels: { route, provider: 'open', model: 'open', stream },
      buckets: requestLatencyBuckets,
    }),
    /** One observation per upstream attempt, so a slow primary hidden by a fast fallback still shows. */
    providerAttemptDuration: histogram({
      name: 'gateway_provider_attempt_duration_seconds',
      help: 'Duration of one upstream provider attempt, from sending the request to its outcome.',
      unit: 'seconds',
      labels: { provider: 'open', model: 'open', outcome: attemptOutcome },
      buckets: requestLatencyBuckets,
    }),
    /** What the gateway adds: request duration minus time waiting on providers. */
    overhead: histogram({
      name: 'gateway_overhead_seconds',
      help: 'Time a request spent in the gateway itself (auth, limits, policies, routing), excluding time waiting on providers.',
      unit: 'seconds',
      labels: { route },
      buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 1],
    }),
    /** Streaming only: what a chat UI user waits before text appears. */
    timeToFirstToken: histogram({
      name: 'gateway_time_to_first_token_seconds',
      help: 'Time from receiving a streaming request to forwarding the first content token to the client.',
      unit: 'seconds',
      labels: { provider: 'open', model: 'open' },
      buckets: [0.05, 0.1, 0.2, 0.3, 0.5, 1, 2, 4, 5, 8, 10],
    }),
    /** Streaming only: one observation per gap between consecutive content chunks. */
    interTokenLatency: histogram({
      name: 'gateway_inter_token_latency_seconds',
      help: 'Gap between consecutive content chunks of a streamed response, observed once per chunk after the first.',
      unit: 'seconds',
      labels: { provider: 'open', model: 'open' },
      buckets: [0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 1],
    }),
    /** Tokens as reported by the provider's usage block; missing usage is counted separately. */
    tokens: counter({
      name: 'gateway_tokens_total',
      help: 'Prompt (input) and completion (output) tokens reported by providers, added when a response completes.',
      unit: 'tokens',
      labels: { direction: ['input', 'output'], provider: 'open', model: 'open', team: 'open' },
    }),
    /** Priced from the configured price table at completion: the number budgets are debited by. */
    cost: counter({
      name: 'gateway_cost_usd_total',
      help: 'Spend in US dollars, priced from reported token usage when a response completes.',
      unit: 'usd',
      labels: { provider: 'open', model: 'open', team: 'open' },
    }),
    inFlight: gauge({
      name: 'gateway_in_flight_requests',
      help: 'Client requests currently being processed, streams included until their last byte.',
      labels: { route },
    }),
    upstreamConnections: gauge({
      name: 'gateway_upstream_active_connections',
      help: 'Open connections from the gateway to each provider, idle pooled connections included.',
      labels: { provider: 'open' },
    }),
    /** Guardrail verdicts; `error` means the policy itself failed, which is not a block. */
    policyEvaluations: counter({
      name: 'gateway_policy_evaluations_total',
      help: 'Guardrail policy evaluations, counted when a policy returns its verdict at a request, response or stream stage.',
      labels: { policy: 'open', stage: policyStage, verdict: ['allow', 'redact', 'block', 'error'] },
    }),
    policyDuration: histogram({
      name: 'gateway_policy_evaluation_duration_seconds',
      help: 'Time one guardrail policy took to return its verdict.',
      unit: 'seconds',
      labels: { policy: 'open', stage: policyStage },
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.5, 1],
    }),
    /** Fallback is an attempt kind, not an outcome: "fallback rate" is `attempt="fallback"` over primaries. */
    providerAttempts: counter({
      name: 'gateway_provider_attempts_total',
      help: 'Upstream provider attempts by kind (primary, retry, fallback) and outcome, counted when each attempt ends.',
      labels: { provider: 'open', attempt: ['primary', 'retry', 'fallback'], outcome: attemptOutcome },
    }),
    /**
     * One per request moved down its fallback chain, labelled with the provider given up on:
     * "fallback rate of provider X" is this over X's primary attempts, and it shares `provider`
     * with the circuit state, so an open circuit can silence its own fallback alert.
     */
    fallbacks: counter({
      name: 'gateway_fallbacks_total',
      help: 'Requests moved from a provider to the next one in their fallback chain, by the provider given up on, the one tried next, and why.',
      labels: { provider: 'open', fallback_provider: 'open', reason: ['error', 'timeout', 'rate_limited', 'connection_error', 'circuit_open'] },
    }),
    /** Per provider credential; compare with `.is('open')`, never with a bare number. */
    circuitState: gauge({
      name: 'gateway_circuit_state',
      help: 'Circuit breaker state of each provider credential: 0 closed, 1 half-open, 2 open.',
      labels: { provider: 'open', credential: 'open' },
      states: { closed: 0, half_open: 1, open: 2 },
    }),
    rateLimitRejections: counter({
      name: 'gateway_rate_limit_rejections_total',
      help: 'Requests rejected with 429 by the gateway\'s own rate limits, by scope and by limited quantity.',
      labels: { scope: ['key', 'team'], limit: ['requests', 'tokens'], team: 'open' },
    }),
    /** Live checks run only for near-limit teams; other requests use the cached budget snapshot. */
    budgetLiveChecks: counter({
      name: 'gateway_budget_live_checks_total',
      help: 'Live budget checks against the control plane for near-limit teams, by outcome; errors fail open to the cached snapshot.',
      labels: { outcome: ['ok', 'near_limit', 'over_limit', 'transport_error', 'timeout'] },
    }),
    budgetBlocks: counter({
      name: 'gateway_budget_blocks_total',
      help: 'Requests refused because the team budget was exhausted.',
      labels: { team: 'open' },
    }),
    /** Debits waiting to reach the control plane; compare with outboxCapacity for a fill ratio. */
    outboxDepth: gauge({
      name: 'gateway_budget_outbox_depth',
      help: 'Budget debits queued in the outbox and not yet accepted by the control plane.',
    }),
    outboxCapacity: gauge({
      name: 'gateway_budget_outbox_capacity',
      help: 'Maximum number of budget debits the outbox holds before it drops new ones.',
    }),
    outboxEnqueued: counter({
      name: 'gateway_budget_outbox_enqueued_total',
      help: 'Budget debits added to the outbox, one per completed billable request.',
    }),
    outboxFlushed: counter({
      name: 'gateway_budget_outbox_flushed_total',
      help: 'Budget debits the control plane accepted from an outbox flush.',
    }),
    /** Failed flushes are retried: debits stay queued, so this leads outboxDepth. */
    outboxFlushFailures: counter({
      name: 'gateway_budget_outbox_flush_failures_total',
      help: 'Outbox flushes that failed and will be retried, by cause; the debits stay queued.',
      labels: { reason: ['transport', 'timeout', 'server_error'] },
    }),
    /** Dropped debits are spend never charged to a budget: any increase is data loss. */
    outboxDropped: counter({
      name: 'gateway_budget_outbox_dropped_total',
      help: 'Budget debits dropped for good: rejected by the control plane with a 4xx, or refused because the outbox was full.',
      labels: { reason: ['rejected_4xx', 'overflow'] },
    }),
    /** A stream without usage is debited $0: budgets are silently bypassed. */
    streamingUsageMissing: counter({
      name: 'gateway_streaming_usage_missing_total',
      help: 'Streamed responses that ended without a usage block, so their tokens and cost were not recorded.',
      labels: { provider: 'open', model: 'open' },
    }),
    authCacheHits: counter({
      name: 'gateway_auth_cache_hits_total',
      help: 'Virtual key lookups answered by the auth cache tier (l1 in process, l2 shared).',
      labels: { tier: authTier },
    }),
    authCacheMisses: counter({
      name: 'gateway_auth_cache_misses_total',
      help: 'Virtual key lookups the auth cache tier could not answer, passed on to the next tier or the control plane.',
      labels: { tier: authTier },
    }),
    configReloads: counter({
      name: 'gateway_config_reloads_total',
      help: 'Configuration reload attempts, by result; a failed reload keeps the previous configuration.',
      labels: { result: ['success', 'failure'] },
    }),
    configLastReloadSuccessful: gauge({
      name: 'gateway_config_last_reload_successful',
      help: 'Whether the last configuration reload succeeded: 1 succeeded, 0 failed.',
      states: { failed: 0, succeeded: 1 },
    }),
    /** Staleness is `time() - this`; written only on success so a failing loop shows as age. */
    configLastReloadTimestamp: gauge({
      name: 'gateway_config_last_reload_success_timestamp_seconds',
      help: 'Unix time of the last successful configuration reload.',
      unit: 'seconds',
    }),
    eventsEmitted: counter({
      name: 'gateway_events_emitted_total',
      help: 'Events the gateway produced for delivery to the event sink, by type.',
      labels: { type: eventType },
    }),
    /** Emitted minus delivered (all outcomes) is what is still in flight. */
    eventsDelivered: counter({
      name: 'gateway_events_delivered_total',
      help: 'Event deliveries that finished, by outcome: accepted by the sink, failed after retries, or dropped.',
      labels: { type: eventType, outcome: ['success', 'failure', 'dropped'] },
    }),
    eventDeliveryDuration: histogram({
      name: 'gateway_event_delivery_duration_seconds',
      help: 'Time from emitting an event to the end of its delivery, retries included.',
      unit: 'seconds',
      labels: { type: eventType },
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
    }),
    /** Always 1; joined with `* on(instance) group_left(version)` to label other series by build. */
    buildInfo: gauge({
      name: 'gateway_build_info',
      help: 'Always 1; its labels identify the running gateway build.',
      labels: { version: 'open', revision: 'open', node_version: 'open' },
    }),
  },
});

/** The gateway's typed instruments, as returned by `instrument(gateway)`. */
export type GatewayInstruments = Instruments<typeof gateway>;
