import { defineDashboard, prometheus } from 'lookout';
import { histogramQuantile, max, not, notRe, rate, re, secondsSince, sum } from 'lookout/promql';
import {
  alertNamed,
  alertThreshold,
  atLeast,
  latencyBound,
  objectiveRatio,
  query,
  rateInterval,
  row,
  scope,
  shareOf,
  stat,
  stateStyles,
  stateTimeline,
  timeseries,
  variable,
} from 'lookout/dashboards';
import governanceRules from '../rules/gateway-governance.js';
import latencyRules from '../rules/gateway-latency.js';
import reliabilityRules from '../rules/gateway-reliability.js';
import { latencyP95, latencyP99, overhead, policyLatency, requestsSuccess } from '../slo/gateway.js';
import { GATEWAY_TAG, gatewayLinks, gatewayVariables, m, policyVariable, providerAndModel } from './shared.js';

const mirror = (group: Parameters<typeof alertNamed>[0], name: string) => alertThreshold(alertNamed(group, name));
const chat = { ...scope, ...providerAndModel, route: 'chat_completions' } as const;
const nonStreamingChat = { ...chat, stream: 'false' } as const;
const provider = { ...scope, provider: variable('provider') } as const;

/** The same split as the provider-errors SLO and GatewayProviderErrorRate: 429s and circuit-open attempts are not failures. */
const providerFailed = sum(rate(m.providerAttempts.where({ ...provider, outcome: re('error|timeout|connection_error') }), rateInterval)).by('provider');
const providerSent = sum(rate(m.providerAttempts.where({ ...provider, outcome: re('success|error|timeout|connection_error') }), rateInterval)).by('provider');

const latencyQuantile = (q: number) =>
  query(histogramQuantile(q, sum(rate(m.requestDuration.bucket.where(nonStreamingChat), rateInterval)).by('le')), `p${Math.round(q * 100)}`);

/**
 * For the on-call engineer: is the gateway answering, how fast, which provider is failing and
 * which breaker is open. Every alert of rules/gateway-reliability.ts and gateway-latency.ts
 * links here, and the panels that mirror an alert draw its threshold.
 */
export default defineDashboard({
  slug: 'ai-gateway-reliability',
  title: 'AI gateway: reliability',
  description: 'Success rate, latency percentiles, provider errors, circuit breakers, fallbacks and policy latency of the AI gateway.',
  tags: [GATEWAY_TAG],
  variables: gatewayVariables([policyVariable()]),
  links: gatewayLinks,
  rows: [
    row('Requests', [
      timeseries({
        title: 'Chat success rate',
        description: `Chat requests answered without a server error (client hang-ups left out); the line is the ${requestsSuccess.objective}% requests-success objective.`,
        unit: 'percentunit',
        decimals: 3,
        thresholds: atLeast(objectiveRatio(requestsSuccess)),
        queries: [
          query(
            sum(rate(m.requests.where({ ...chat, code: notRe('5..|499') }), rateInterval)).div(sum(rate(m.requests.where({ ...chat, code: not('499') }), rateInterval))),
            'success rate',
          ),
        ],
      }),
      timeseries({
        title: 'Server error ratio',
        unit: 'percentunit',
        mirrors: mirror(reliabilityRules, 'GatewayHighErrorRate'),
        queries: [query(shareOf(sum(rate(m.requests.where({ ...scope, code: re('5..') }), rateInterval)), sum(rate(m.requests.where(scope), rateInterval))), '5xx ratio')],
      }),
      timeseries({
        title: 'Requests per second by status code',
        description: 'Every answered request by final status code, stacked.',
        unit: 'reqps',
        stack: true,
        queries: [query(sum(rate(m.requests.where({ ...scope, ...providerAndModel }), rateInterval)).by('code'), '{{code}}')],
      }),
      timeseries({
        title: 'Requests in flight',
        description: 'Requests being processed right now, streams included until their last byte.',
        unit: 'short',
        queries: [query(sum(m.inFlight.where(scope)).by('route'), '{{route}}')],
      }),
    ]),
    row('Latency', [
      timeseries({
        title: 'Non-streaming chat latency, p95 and p99',
        description: `The latency SLOs' bounds are the lines: ${latencyBound(latencyP95)} s for p95, ${latencyBound(latencyP99)} s for p99.`,
        unit: 's',
        thresholds: [
          { value: null, color: 'green' },
          { value: latencyBound(latencyP95), color: 'orange' },
          { value: latencyBound(latencyP99), color: 'red' },
        ],
        queries: [latencyQuantile(0.95), latencyQuantile(0.99)],
      }),
      timeseries({
        title: 'Non-streaming chat p99 by provider',
        unit: 's',
        mirrors: mirror(latencyRules, 'GatewayHighP99Latency'),
        queries: [query(histogramQuantile(0.99, sum(rate(m.requestDuration.bucket.where(nonStreamingChat), rateInterval)).by('le', 'provider')), '{{provider}}')],
      }),
      timeseries({
        title: 'Gateway overhead, p99',
        description: `Time spent in the gateway itself (auth, limits, policies, routing); the line is the ${latencyBound(overhead) * 1000} ms overhead SLO bound.`,
        unit: 's',
        thresholds: [
          { value: null, color: 'green' },
          { value: latencyBound(overhead), color: 'red' },
        ],
        queries: [query(histogramQuantile(0.99, sum(rate(m.overhead.bucket.where(scope), rateInterval)).by('le', 'route')), '{{route}}')],
      }),
      timeseries({
        title: 'Provider attempt duration, p95 by provider',
        description: 'One observation per upstream attempt, so a slow primary hidden by a fast fallback still shows.',
        unit: 's',
        queries: [query(histogramQuantile(0.95, sum(rate(m.providerAttemptDuration.bucket.where({ ...scope, ...providerAndModel }), rateInterval)).by('le', 'provider')), '{{provider}}')],
      }),
    ]),
    row('Providers', [
      timeseries({
        title: 'Provider error rate',
        unit: 'percentunit',
        mirrors: mirror(reliabilityRules, 'GatewayProviderErrorRate'),
        queries: [query(shareOf(providerFailed, providerSent), '{{provider}}')],
      }),
      stateTimeline({
        title: 'Circuit state by provider and credential',
        description: 'Closed is healthy; open means the gateway skips the credential (GatewayCircuitOpenTooLong pages after 5 minutes). States as the catalog encodes them.',
        states: stateStyles(m.circuitState, { closed: 'green', half_open: 'orange', open: 'red' }),
        queries: [query(max(m.circuitState.where(provider)).by('provider', 'credential'), '{{provider}} {{credential}}')],
      }),
      timeseries({
        title: 'Fallback ratio by provider',
        unit: 'percentunit',
        mirrors: mirror(reliabilityRules, 'GatewayExcessiveFallback'),
        queries: [
          query(
            sum(rate(m.fallbacks.where(provider), rateInterval)).by('provider').div(sum(rate(m.providerAttempts.where({ ...provider, attempt: 'primary' }), rateInterval)).by('provider')),
            '{{provider}}',
          ),
        ],
      }),
      timeseries({
        title: 'Provider attempts per second by outcome',
        description: 'Upstream attempts (primaries, retries and fallbacks) by how they ended, stacked.',
        unit: 'reqps',
        stack: true,
        queries: [query(sum(rate(m.providerAttempts.where(provider), rateInterval)).by('outcome'), '{{outcome}}')],
      }),
    ]),
    row('Policies and guardrails', [
      timeseries({
        title: 'Policy evaluation p99 by policy',
        unit: 's',
        mirrors: mirror(latencyRules, 'GatewayPolicyEvaluationSlow'),
        queries: [query(histogramQuantile(0.99, sum(rate(m.policyDuration.bucket.where({ ...scope, policy: variable('policy') }), rateInterval)).by('le', 'policy')), '{{policy}}')],
      }),
      timeseries({
        title: 'Guardrail latency p95 by stage',
        description: `Time guardrail policies take at each stage; the line is the ${latencyBound(policyLatency) * 1000} ms policy-evaluation SLO bound.`,
        unit: 's',
        thresholds: [
          { value: null, color: 'green' },
          { value: latencyBound(policyLatency), color: 'red' },
        ],
        queries: [query(histogramQuantile(0.95, sum(rate(m.policyDuration.bucket.where({ ...scope, policy: variable('policy') }), rateInterval)).by('le', 'stage')), '{{stage}}')],
      }),
    ]),
    row('Replicas, events and configuration', [
      stat({
        title: 'Replicas up',
        description: 'Gateway replicas Prometheus scraped successfully at the last scrape.',
        unit: 'none',
        thresholds: atLeast(1),
        queries: [query(sum(prometheus.metrics.up.where(scope)), 'up', { instant: true })],
      }),
      stat({
        title: 'Seconds since the last successful config reload',
        unit: 's',
        thresholds: [
          { value: null, color: 'green' },
          { value: alertThreshold(alertNamed(governanceRules, 'GatewayConfigNotReloaded')).value, color: 'orange' },
        ],
        description: 'The oldest successful reload across replicas; GatewayConfigNotReloaded opens a ticket past a day.',
        queries: [query(max(secondsSince(m.configLastReloadTimestamp.where(scope))), 'age', { instant: true })],
      }),
      timeseries({
        title: 'Audit event deliveries per second by outcome',
        description: 'Event deliveries that finished: accepted by the ledger, failed after retries, or dropped.',
        unit: 'ops',
        stack: true,
        width: 12,
        queries: [query(sum(rate(m.eventsDelivered.where(scope), rateInterval)).by('outcome'), '{{outcome}}')],
      }),
    ]),
  ],
});
