import { alert, ruleGroup, series } from 'lookout';
import { labelReplace, rate, secondsSince, sum } from 'lookout/promql';
import { gateway } from '../src/integrations/gateway/metrics.js';

const m = gateway.metrics;
const team = { team: 'ai-platform' };

/** Share of live budget checks that errored or timed out and fell back to the cached snapshot. */
const liveCheckFailOpenRatio = sum(rate(m.budgetLiveChecks.where({ outcome: ['transport_error', 'timeout'] }), '5m')).div(
  sum(rate(m.budgetLiveChecks, '5m')),
);

/** Share of virtual-key lookups the in-process (l1) auth cache answered, per replica: the cache is per process. */
const l1Hits = sum(rate(m.authCacheHits.where({ tier: 'l1' }), '5m')).by('instance');
const l1Misses = sum(rate(m.authCacheMisses.where({ tier: 'l1' }), '5m')).by('instance');
const l1HitRatio = l1Hits.div(l1Hits.add(l1Misses));

/**
 * Share of each client team's requests the gateway's own rate limits rejected with 429. The
 * team moves to `client_team`: the alert's routing label `team` (the owner, ai-platform) would
 * overwrite the series' own and give every team's alert one identity (alert/label-overwrites-series).
 */
const rateLimitedRatio = sum(
  labelReplace(sum(rate(m.rateLimitRejections, '10m')).by('team').div(sum(rate(m.requests, '10m')).by('team')), 'client_team', '$1', 'team', '(.*)'),
).by('client_team');

export default ruleGroup({
  name: 'gateway-governance',
  interval: '30s',
  rules: [
    alert({
      name: 'GatewayStreamingUsageMissing',
      // Any stream without usage is spend no budget sees; 10 minutes rules out one odd client.
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
      // 10 blocks a second from one policy is a client retrying a banned request in a loop, or a rule regression.
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
    alert({
      name: 'GatewayBudgetCheckFailingOpen',
      // Live checks run only for near-limit teams, so a few timeouts are noise; one in five failing open is not.
      expr: liveCheckFailOpenRatio.gt(0.2),
      for: '5m',
      severity: 'ticket',
      summary: 'More than 20% of live budget checks are failing open.',
      description: ({ value }) =>
        `${value.humanizePercentage()} of live budget checks over the last 5 minutes errored or timed out and fell back to the cached snapshot, ` +
        'so teams near their limit can spend past it. Check the control plane /budget/check latency and errors.',
      dashboard: 'ai-gateway-cost',
      labels: team,
    }),
    alert({
      name: 'GatewayAuthCacheHitRateLow',
      // Keys are few and long-lived, so a warm in-process cache answers almost every lookup; 15 minutes outlasts a cold start.
      expr: l1HitRatio.lt(0.9),
      for: '15m',
      severity: 'ticket',
      summary: 'The in-process auth cache answers fewer than 90% of key lookups.',
      description: ({ labels, value }) =>
        `The l1 auth cache on ${labels.instance} answered ${value.humanizePercentage()} of virtual key lookups over the last 5 minutes; ` +
        'every miss is a round trip to the shared cache or the control plane. Look for deploy churn, an unreliable invalidation feed, or evictions under load.',
      dashboard: 'ai-gateway-capacity',
      labels: team,
    }),
    alert({
      name: 'GatewayRateLimitRejectionSurge',
      // Half a team's requests rejected for an hour is a runaway client or a quota sized wrong, not a burst the limiter absorbs.
      expr: rateLimitedRatio.gt(0.5),
      for: '1h',
      severity: 'ticket',
      summary: 'A team has had more than half of its requests rate-limited for an hour.',
      description: ({ labels, value }) =>
        `The gateway's rate limits rejected ${value.humanizePercentage()} of team ${labels.client_team}'s requests over the last 10 minutes, for at least an hour. ` +
        "Find the client (a retry loop ignoring Retry-After?) or agree a bigger quota with the team's owner.",
      dashboard: 'ai-gateway-capacity',
      labels: team,
      tests: [
        {
          // The generated tests drive one team; this one proves two teams do not collapse into one alert.
          name: 'two teams rate-limited at once fire two alerts, told apart by client_team',
          interval: '1m',
          series: (['team-a', 'team-b'] as const).flatMap((t) => [
            series(m.rateLimitRejections, { scope: 'team', limit: 'requests', team: t }, '0+60x90'),
            series(m.requests, { route: 'chat_completions', code: '429', provider: 'provider-a', model: 'model-a', team: t, stream: 'false' }, '0+60x90'),
            series(m.requests, { route: 'chat_completions', code: '200', provider: 'provider-a', model: 'model-a', team: t, stream: 'false' }, '0+30x90'),
          ]),
          expect: [
            { at: '50m', firing: [] },
            { at: '80m', firing: [{ labels: { client_team: 'team-a' } }, { labels: { client_team: 'team-b' } }] },
          ],
        },
      ],
    }),
    alert({
      name: 'GatewayConfigNotReloaded',
      // The config sync reloads far more often than daily; a day without a successful reload means the loop or the source is broken.
      expr: secondsSince(m.configLastReloadTimestamp).gt(86400),
      for: '10m',
      severity: 'ticket',
      summary: 'A gateway replica has not reloaded its configuration successfully for 24 hours.',
      description: ({ labels, value }) =>
        `The last successful configuration reload on ${labels.instance} was ${value.humanizeDuration()} ago: ` +
        'policy and routing changes made since are not in effect there. Check gateway_config_reloads_total{result="failure"} and the config source.',
      dashboard: 'ai-gateway-reliability',
      labels: team,
    }),
  ],
});
