import { availability, defineSLO, latency, prometheus, ratio } from 'lookout';
import { not, re } from 'lookout/promql';
import { gateway } from '../src/integrations/gateway/metrics.js';

const m = gateway.metrics;
/** Every gateway SLO alerts the platform team and links the SLO dashboard. */
const alerting = (name: string) => ({ name, labels: { team: 'ai-platform' }, dashboard: 'ai-gateway-slo' });
/** The requests the latency SLOs measure: chat completions answered in one piece. */
const nonStreamingChat = { route: 'chat_completions', stream: 'false' } as const;

/**
 * The gateway's service level objectives, from the seeds' SLO tables. Each compiles to
 * recording rules for every window, four burn-rate tiers (two page, two ticket) and their
 * promtool tests; see README "SLOs" for what each one costs.
 */

/** Client chat requests that did not end in a gateway or upstream failure (5xx). */
export const requestsSuccess = defineSLO({
  service: 'ai-gateway',
  name: 'requests-success',
  description: 'Chat completion requests are answered without a server error.',
  objective: 99.5,
  sli: ratio({
    errors: m.requests.where({ route: 'chat_completions', code: re('5..') }),
    // A client that hangs up (499) was not failed by the gateway: it is neither good nor bad.
    total: m.requests.where({ route: 'chat_completions', code: not('499') }),
  }),
  alerting: alerting('GatewayRequestsBudgetBurn'),
});

/** Scrape targets up: a replica that cannot be scraped cannot serve either. */
export const availabilitySLO = defineSLO({
  service: 'ai-gateway',
  name: 'availability',
  description: 'Every gateway replica is up and answering its scrapes.',
  objective: 99.9,
  sli: availability({ gauge: prometheus.metrics.up.where({ job: 'ai-gateway' }) }),
  alerting: alerting('GatewayAvailabilityBudgetBurn'),
});

/**
 * End-to-end latency of non-streaming chat requests. Streams are left out: their duration is
 * the length of the generation the user asked for, not the gateway's speed (time to first
 * token covers them on the Streaming dashboard).
 */
export const latencyP95 = defineSLO({
  service: 'ai-gateway',
  name: 'latency-4s',
  description: '95% of non-streaming chat requests complete within 4 seconds.',
  objective: 95,
  sli: latency({ histogram: m.requestDuration, threshold: 4, where: nonStreamingChat }),
  alerting: alerting('GatewayLatency4sBudgetBurn'),
});

export const latencyP99 = defineSLO({
  service: 'ai-gateway',
  name: 'latency-8s',
  description: '99% of non-streaming chat requests complete within 8 seconds.',
  objective: 99,
  sli: latency({ histogram: m.requestDuration, threshold: 8, where: nonStreamingChat }),
  alerting: alerting('GatewayLatency8sBudgetBurn'),
});

/** Time the gateway adds on top of the provider: auth, policies, routing, accounting. */
export const overhead = defineSLO({
  service: 'ai-gateway',
  name: 'overhead-200ms',
  description: '99% of requests spend at most 200 ms in the gateway itself.',
  objective: 99,
  sli: latency({ histogram: m.overhead, threshold: 0.2, where: { route: 'chat_completions' } }),
  alerting: alerting('GatewayOverheadBudgetBurn'),
});

export const policyLatency = defineSLO({
  service: 'ai-gateway',
  name: 'policy-evaluation-50ms',
  description: '99% of guardrail policy evaluations return a verdict within 50 ms.',
  objective: 99,
  sli: latency({ histogram: m.policyDuration, threshold: 0.05 }),
  alerting: alerting('GatewayPolicyLatencyBudgetBurn'),
});

/**
 * Upstream attempts that failed, per provider, over a week. Rate-limited attempts are the
 * provider's answer to our volume, and circuit-open attempts were never sent: neither counts.
 */
export const providerErrors = defineSLO({
  service: 'ai-gateway',
  name: 'provider-errors',
  description: 'At most 1% of upstream attempts to each provider fail over a week.',
  objective: 99,
  period: '7d',
  groupBy: ['provider'],
  sli: ratio({
    errors: m.providerAttempts.where({ outcome: re('error|timeout|connection_error') }),
    total: m.providerAttempts.where({ outcome: re('success|error|timeout|connection_error') }),
  }),
  alerting: alerting('GatewayProviderErrorBudgetBurn'),
});

/**
 * Audit events reach the ledger within 5 seconds of being emitted, retries included. Events
 * that fail or are dropped are counted by the event-delivery alerts, not here.
 */
export const eventDelivery = defineSLO({
  service: 'ai-gateway',
  name: 'events-delivered-5s',
  description: '99.9% of audit events are delivered to the ledger within 5 seconds.',
  objective: 99.9,
  sli: latency({ histogram: m.eventDeliveryDuration, threshold: 5, where: { type: 'audit' } }),
  alerting: alerting('GatewayEventDeliveryBudgetBurn'),
});
