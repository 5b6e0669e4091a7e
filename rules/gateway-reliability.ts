import { alert, prometheus, ruleGroup } from 'lookout';
import { rate, re, sum } from 'lookout/promql';
import { gateway } from '../src/integrations/gateway/metrics.js';

const m = gateway.metrics;
const team = { team: 'ai-platform' };
const dashboard = 'ai-gateway-reliability';

/** Share of client requests answered with a 5xx, over the whole fleet. */
const serverErrorRatio = sum(rate(m.requests.where({ code: re('5..') }), '5m')).div(sum(rate(m.requests, '5m')));

/** Share of each provider's primary attempts that ended with the request moving on to a fallback. */
const fallbackRatio = sum(rate(m.fallbacks, '10m'))
  .by('provider')
  .div(sum(rate(m.providerAttempts.where({ attempt: 'primary' }), '10m')).by('provider'));

/**
 * Share of the attempts sent to each provider that failed. Same definition as the
 * provider-errors SLO: a 429 is the provider's answer to our volume and a circuit-open attempt
 * was never sent, so neither counts.
 */
const providerErrorRatio = sum(rate(m.providerAttempts.where({ outcome: re('error|timeout|connection_error') }), '10m'))
  .by('provider')
  .div(sum(rate(m.providerAttempts.where({ outcome: re('success|error|timeout|connection_error') }), '10m')).by('provider'));

export default ruleGroup({
  name: 'gateway-reliability',
  interval: '30s',
  rules: [
    alert({
      name: 'GatewayHighErrorRate',
      // Ten times the requests-success SLO's 0.5% budget: a fleet-wide failure, not noise.
      expr: serverErrorRatio.gt(0.05),
      for: '5m',
      severity: 'page',
      summary: 'More than 5% of gateway requests are failing with 5xx.',
      description: ({ value }) =>
        `${value.humanizePercentage()} of client requests to the gateway returned 5xx over the last 5 minutes. ` +
        'Check /readyz on the replicas, then the providers: circuit state and provider error rate on the dashboard.',
      dashboard,
      labels: team,
    }),
    alert({
      name: 'GatewayInstanceDown',
      // A ticket, not a page: the availability SLO pages on the fleet's lost scrapes; this names the replica.
      // 5 minutes outlasts a restart or a rolling deploy's replacement of one replica.
      expr: prometheus.metrics.up.where({ job: 'ai-gateway' }).eq(0),
      for: '5m',
      severity: 'ticket',
      summary: 'A gateway replica has not answered its scrapes for 5 minutes.',
      description: ({ labels }) =>
        `Prometheus cannot scrape the gateway replica ${labels.instance}: it is down, restarting in a loop, or unreachable, ` +
        'and the load balancer is sending its share to the others. Check the process and its /healthz, then recent deploys.',
      dashboard,
      labels: team,
    }),
    alert({
      name: 'GatewayCircuitOpenTooLong',
      // A breaker still open after 5 minutes is a provider outage, not a blip; the gateway is short one provider.
      expr: m.circuitState.is('open'),
      for: '5m',
      severity: 'page',
      summary: 'A provider circuit breaker has been open for more than 5 minutes.',
      description: ({ labels }) =>
        `The circuit for provider ${labels.provider} (credential ${labels.credential}) on ${labels.instance} has been open for 5 minutes: ` +
        'the gateway skips this provider. Confirm the provider is failing (status page, recent attempt errors) before rotating the credential.',
      dashboard,
      labels: team,
    }),
    alert({
      name: 'GatewayExcessiveFallback',
      // One request in ten leaving its primary is more than routine retries; that provider is degraded.
      // Per provider, so that an open circuit on the same provider (which explains it) silences it.
      expr: fallbackRatio.gt(0.1),
      for: '10m',
      severity: 'ticket',
      summary: 'More than 10% of the requests sent to a provider fall back to another.',
      description: ({ labels, value }) =>
        `${value.humanizePercentage()} of the requests whose primary was ${labels.provider} moved on to a fallback provider over the last 10 minutes. ` +
        'Fallback is working as designed, but the provider needs investigation: its attempt outcomes and circuit state are on the dashboard.',
      dashboard,
      labels: team,
    }),
    alert({
      name: 'GatewayProviderErrorRate',
      // Five times the provider-errors SLO's 1% weekly objective; that SLO pages on budget burn, this tickets the provider.
      expr: providerErrorRatio.gt(0.05),
      for: '10m',
      severity: 'ticket',
      summary: 'A provider is failing more than 5% of the attempts sent to it.',
      description: ({ labels, value }) =>
        `${value.humanizePercentage()} of the attempts sent to ${labels.provider} over the last 10 minutes failed (error, timeout or connection error). ` +
        'Retries and fallback hide most of it from clients. Check the provider status page and the attempt outcomes by model on the dashboard.',
      dashboard,
      labels: team,
    }),
  ],
});
