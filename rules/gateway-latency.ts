import { alert, ruleGroup } from 'lookout';
import { histogramQuantile, rate, sum } from 'lookout/promql';
import { gateway } from '../src/integrations/gateway/metrics.js';

const m = gateway.metrics;
const team = { team: 'ai-platform' };
const dashboard = 'ai-gateway-reliability';

/**
 * p99 of non-streaming chat requests, per provider. Streams are left out, as in the latency
 * SLOs: their duration is the length of the generation asked for, not the gateway's speed.
 */
const requestP99 = histogramQuantile(
  0.99,
  sum(rate(m.requestDuration.bucket.where({ route: 'chat_completions', stream: 'false' }), '10m')).by('le', 'provider'),
);

/** p99 of guardrail policy evaluations, per policy. */
const policyP99 = histogramQuantile(0.99, sum(rate(m.policyDuration.bucket, '10m')).by('le', 'policy'));

/**
 * Threshold alerts on latency. The latency-4s, latency-8s and policy-evaluation-50ms SLOs
 * page when the error budget burns; these tickets name the provider or policy that is slow.
 */
export default ruleGroup({
  name: 'gateway-latency',
  interval: '30s',
  rules: [
    alert({
      name: 'GatewayHighP99Latency',
      // The latency-8s SLO's own bound (a bucket boundary, so the estimate is exact there).
      expr: requestP99.gt(8),
      for: '15m',
      severity: 'ticket',
      summary: 'Non-streaming chat requests through one provider have a p99 above 8 seconds.',
      description: ({ labels, value }) =>
        `The p99 of non-streaming chat requests answered through ${labels.provider} was ${value.humanizeDuration()} over the last 10 minutes, ` +
        'above the 8 s objective. Compare provider attempt durations with gateway overhead on the dashboard: a slow provider calls for routing, a slow gateway for a profile.',
      dashboard,
      labels: team,
    }),
    alert({
      name: 'GatewayPolicyEvaluationSlow',
      // Ten times the 50 ms policy SLO bound (and a bucket boundary): the policy adds half a second to every request it guards.
      expr: policyP99.gt(0.5),
      for: '10m',
      severity: 'ticket',
      summary: 'A guardrail policy takes more than 500 ms at p99.',
      description: ({ labels, value }) =>
        `Policy ${labels.policy} took ${value.humanizeDuration()} at p99 over the last 10 minutes, and every request it guards waits for it. ` +
        'Check what the policy calls out to (classifier, remote service) and whether its rules changed recently.',
      dashboard,
      labels: team,
    }),
  ],
});
