import { alert, rate, ruleGroup, sum } from 'lookout';
import { gateway } from '../src/gateway/metrics.js';

const m = gateway.metrics;
const team = { team: 'ai-platform' };

export default ruleGroup({
  name: 'gateway-governance',
  interval: '30s',
  rules: [
    alert({
      name: 'GatewayStreamingUsageMissing',
      expr: sum(rate(m.streamingUsageMissing, '10m')).by('provider').gt(0),
      for: '10m',
      severity: 'page',
      summary: 'Streaming responses are ending without token usage.',
      description: ({ labels, value }) =>
        `Streams from ${labels.provider} end without a usage chunk (${value.humanize()} per second over 10 minutes): ` +
        'their tokens are not debited, so team budgets are silently bypassed. Check that stream_options.include_usage is sent upstream.',
      dashboard: 'ai-gateway-streaming',
      labels: team,
    }),
    alert({
      name: 'GatewayGuardrailBlockSpike',
      expr: sum(rate(m.policyEvaluations.where({ verdict: 'block' }), '5m')).by('policy').gt(10),
      for: '5m',
      severity: 'ticket',
      summary: 'Guardrail policies are blocking more than 10 requests per second.',
      description: ({ labels, value }) =>
        `Policy ${labels.policy} blocked ${value.humanize()} requests per second over the last 5 minutes. ` +
        "Either a client is retrying a banned request in a loop, or the policy's rules regressed.",
      dashboard: 'ai-gateway-safety',
      labels: team,
    }),
  ],
});
