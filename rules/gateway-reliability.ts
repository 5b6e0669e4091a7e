import { alert, rate, re, ruleGroup, sum } from 'lookout';
import { gateway } from '../src/gateway/metrics.js';

const m = gateway.metrics;
const team = { team: 'ai-platform' };

/** Share of client requests answered with a 5xx, over the whole fleet. */
const serverErrorRatio = sum(rate(m.requests.where({ code: re('5..') }), '5m')).div(sum(rate(m.requests, '5m')));

/** Share of upstream attempts that were fallbacks to a secondary provider. */
const fallbackRatio = sum(rate(m.providerAttempts.where({ attempt: 'fallback' }), '10m')).div(sum(rate(m.providerAttempts, '10m')));

export default ruleGroup({
  name: 'gateway-reliability',
  interval: '30s',
  rules: [
    alert({
      name: 'GatewayHighErrorRate',
      expr: serverErrorRatio.gt(0.05),
      for: '5m',
      severity: 'page',
      summary: 'More than 5% of gateway requests are failing with 5xx.',
      description: ({ value }) =>
        `${value.humanizePercentage()} of client requests to the gateway returned 5xx over the last 5 minutes. ` +
        'Check /readyz on the replicas, then the providers: circuit state and provider error rate on the dashboard.',
      dashboard: 'ai-gateway-reliability',
      labels: team,
    }),
    alert({
      name: 'GatewayCircuitOpenTooLong',
      expr: m.circuitState.is('open'),
      for: '5m',
      severity: 'page',
      summary: 'A provider circuit breaker has been open for more than 5 minutes.',
      description: ({ labels }) =>
        `The circuit for provider ${labels.provider} (credential ${labels.credential}) on ${labels.instance} has been open for 5 minutes: ` +
        'the gateway skips this provider. Confirm the provider is failing (status page, recent attempt errors) before rotating the credential.',
      dashboard: 'ai-gateway-reliability',
      labels: team,
    }),
    alert({
      name: 'GatewayExcessiveFallback',
      expr: fallbackRatio.gt(0.1),
      for: '10m',
      severity: 'ticket',
      summary: 'More than 10% of upstream attempts are fallbacks.',
      description: ({ value }) =>
        `${value.humanizePercentage()} of upstream attempts over the last 10 minutes went to a fallback provider. ` +
        'Fallback is working as designed, but the primary provider needs investigation.',
      dashboard: 'ai-gateway-reliability',
      labels: team,
    }),
  ],
});
