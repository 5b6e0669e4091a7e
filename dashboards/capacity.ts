import { defineDashboard } from 'lookout';
import { max, rate, sum } from 'lookout/promql';
import { alertNamed, alertThreshold, query, rateInterval, row, scope, shareOf, timeseries, variable } from 'lookout/dashboards';
import governanceRules from '../rules/gateway-governance.js';
import outboxRules from '../rules/gateway-outbox.js';
import { GATEWAY_TAG, gatewayLinks, gatewayVariables, m, providerAndModel } from './shared.js';

const tokensPerSecond = 'suffix: tok/s';

/**
 * For capacity planning and the platform team: token throughput per provider and model, the
 * gateway's own rate limits, the budget-debit outbox, connections and the auth cache.
 */
export default defineDashboard({
  slug: 'ai-gateway-capacity',
  title: 'AI gateway: capacity',
  description: 'Tokens per provider and model, rate-limit rejections, the budget-debit outbox, upstream connections and the auth cache of the AI gateway.',
  tags: [GATEWAY_TAG],
  variables: gatewayVariables(),
  links: gatewayLinks,
  rows: [
    row('Tokens', [
      timeseries({
        title: 'Tokens per second by provider and direction',
        description: 'Prompt (input) and completion (output) tokens as providers report them.',
        unit: tokensPerSecond,
        stack: true,
        queries: [query(sum(rate(m.tokens.where({ ...scope, ...providerAndModel }), rateInterval)).by('provider', 'direction'), '{{provider}} {{direction}}')],
      }),
      timeseries({
        title: 'Tokens per second by model',
        unit: tokensPerSecond,
        stack: true,
        queries: [query(sum(rate(m.tokens.where({ ...scope, ...providerAndModel }), rateInterval)).by('model'), '{{model}}')],
      }),
    ]),
    row('Rate limits', [
      timeseries({
        title: 'Rate-limit rejections per second by scope and limit',
        description: 'Requests the gateway\'s own limits answered with 429, by key or team scope and by requests or tokens.',
        unit: 'reqps',
        stack: true,
        queries: [query(sum(rate(m.rateLimitRejections.where(scope), rateInterval)).by('scope', 'limit'), '{{scope}} {{limit}}')],
      }),
      timeseries({
        title: 'Share of requests rate-limited by team',
        unit: 'percentunit',
        mirrors: alertThreshold(alertNamed(governanceRules, 'GatewayRateLimitRejectionSurge')),
        queries: [query(shareOf(sum(rate(m.rateLimitRejections.where(scope), rateInterval)).by('team'), sum(rate(m.requests.where(scope), rateInterval)).by('team')), '{{team}}')],
      }),
    ]),
    row('Budget outbox', [
      timeseries({
        title: 'Outbox depth and capacity by replica',
        unit: 'short',
        mirrors: alertThreshold(alertNamed(outboxRules, 'GatewayOutboxBacklog')),
        queries: [query(max(m.outboxDepth.where(scope)).by('instance'), '{{instance}} queued'), query(max(m.outboxCapacity.where(scope)).by('instance'), '{{instance}} capacity')],
      }),
      timeseries({
        title: 'Outbox fill ratio by replica',
        unit: 'percentunit',
        mirrors: alertThreshold(alertNamed(outboxRules, 'GatewayOutboxFillRatioHigh')),
        queries: [query(max(m.outboxDepth.where(scope)).by('instance').div(max(m.outboxCapacity.where(scope)).by('instance')), '{{instance}}')],
      }),
      timeseries({
        title: 'Outbox flushes per second',
        description: 'Debits the control plane accepted, and flushes that failed by cause (retried: the debits stay queued).',
        unit: 'ops',
        queries: [
          query(sum(rate(m.outboxFlushed.where(scope), rateInterval)), 'flushed'),
          query(sum(rate(m.outboxFlushFailures.where(scope), rateInterval)).by('reason'), 'failed: {{reason}}'),
        ],
      }),
      timeseries({
        title: 'Debits dropped per second by reason',
        description: 'Debits lost for good, rejected with a 4xx or refused by a full outbox: spend no budget will see. Anything above zero opens a ticket.',
        unit: 'ops',
        queries: [query(sum(rate(m.outboxDropped.where(scope), rateInterval)).by('reason'), '{{reason}}')],
      }),
    ]),
    row('Connections and caches', [
      timeseries({
        title: 'Upstream connections by provider',
        description: 'Open connections to each provider, idle pooled ones included.',
        unit: 'short',
        queries: [query(sum(m.upstreamConnections.where({ ...scope, provider: variable('provider') })).by('provider'), '{{provider}}')],
      }),
      timeseries({
        title: 'In-process auth cache hit ratio by replica',
        unit: 'percentunit',
        mirrors: alertThreshold(alertNamed(governanceRules, 'GatewayAuthCacheHitRateLow')),
        queries: [
          query(
            sum(rate(m.authCacheHits.where({ ...scope, tier: 'l1' }), rateInterval))
              .by('instance')
              .div(sum(rate(m.authCacheHits.where({ ...scope, tier: 'l1' }), rateInterval)).by('instance').add(sum(rate(m.authCacheMisses.where({ ...scope, tier: 'l1' }), rateInterval)).by('instance'))),
            '{{instance}}',
          ),
        ],
      }),
    ]),
  ],
});
