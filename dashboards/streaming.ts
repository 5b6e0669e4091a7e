import { defineDashboard } from 'lookout';
import { histogramQuantile, rate, sum } from 'lookout/promql';
import { alertNamed, alertThreshold, query, rateInterval, row, scope, shareOf, timeseries } from 'lookout/dashboards';
import governanceRules from '../rules/gateway-governance.js';
import { GATEWAY_TAG, gatewayLinks, gatewayVariables, m, providerAndModel } from './shared.js';

const streams = { ...scope, ...providerAndModel } as const;
const ttft = (q: number) => query(histogramQuantile(q, sum(rate(m.timeToFirstToken.bucket.where(streams), rateInterval)).by('le')), `p${Math.round(q * 100)}`);
const itl = (q: number) => query(histogramQuantile(q, sum(rate(m.interTokenLatency.bucket.where(streams), rateInterval)).by('le')), `p${Math.round(q * 100)}`);

/**
 * For the people who own chat UIs: how long users wait for the first token, how smoothly
 * tokens follow, and streams that end without usage (spend no budget sees).
 */
export default defineDashboard({
  slug: 'ai-gateway-streaming',
  title: 'AI gateway: streaming',
  description: 'Time to first token, inter-token latency and streams that ended without a usage block, by provider and model.',
  tags: [GATEWAY_TAG],
  variables: gatewayVariables(),
  links: gatewayLinks,
  rows: [
    row('Time to first token', [
      timeseries({ title: 'Time to first token, p50, p95 and p99', description: 'What a chat user waits before text appears.', unit: 's', queries: [ttft(0.5), ttft(0.95), ttft(0.99)] }),
      timeseries({
        title: 'Time to first token p95 by provider',
        unit: 's',
        description: 'A provider slower to start than the others is a routing decision to make.',
        queries: [query(histogramQuantile(0.95, sum(rate(m.timeToFirstToken.bucket.where(streams), rateInterval)).by('le', 'provider')), '{{provider}}')],
      }),
    ]),
    row('Inter-token latency', [
      timeseries({ title: 'Inter-token latency, p50 and p95', description: 'Gaps between consecutive content chunks of a stream.', unit: 's', queries: [itl(0.5), itl(0.95)] }),
      timeseries({
        title: 'Inter-token latency p95 by model',
        unit: 's',
        description: 'Gaps between chunks, per model: large models stutter first under load.',
        queries: [query(histogramQuantile(0.95, sum(rate(m.interTokenLatency.bucket.where(streams), rateInterval)).by('le', 'model')), '{{model}}')],
      }),
    ]),
    row('Streams and usage', [
      timeseries({
        title: 'Streaming requests per second by provider',
        description: 'Streamed chat requests answered, every status.',
        unit: 'reqps',
        stack: true,
        queries: [query(sum(rate(m.requests.where({ ...streams, stream: 'true' }), rateInterval)).by('provider'), '{{provider}}')],
      }),
      timeseries({
        title: 'Streams without usage per second by provider',
        unit: 'reqps',
        mirrors: alertThreshold(alertNamed(governanceRules, 'GatewayStreamingUsageMissing')),
        queries: [query(sum(rate(m.streamingUsageMissing.where(streams), rateInterval)).by('provider'), '{{provider}}')],
      }),
      timeseries({
        title: 'Share of streams without usage by model',
        description: 'Streams whose tokens and cost went unrecorded, as a share of streamed requests: budgets are bypassed by exactly this much.',
        unit: 'percentunit',
        width: 24,
        queries: [
          query(shareOf(sum(rate(m.streamingUsageMissing.where(streams), rateInterval)).by('model'), sum(rate(m.requests.where({ ...streams, stream: 'true' }), rateInterval)).by('model')), '{{model}}'),
        ],
      }),
    ]),
  ],
});
