import { alert, record, ruleGroup, series } from 'lookout';
import { rate, sum } from 'lookout/promql';
import { gateway } from '../src/integrations/gateway/metrics.js';

const m = gateway.metrics;

/**
 * Each team's spend rate in USD per second, over the last hour. Recorded so that the 7-day
 * baseline reads 2,016 recorded samples per team (one every 5 minutes) instead of 40,320 raw
 * scrapes of the counter per series on every evaluation.
 */
const spendRate = record({
  name: 'team:gateway_cost_usd:rate1h',
  expr: sum(rate(m.cost, '1h')).by('team'),
});

/**
 * Spend anomalies move over hours, so this group runs every 5 minutes: the recorded rate is
 * fresh enough, and the 7-day baseline stays cheap.
 */
export default ruleGroup({
  name: 'gateway-cost',
  interval: '5m',
  rules: [
    spendRate,
    alert({
      name: 'GatewayCostAnomaly',
      // 3×: daily peaks run about twice the weekly average (working hours against nights and weekends), so
      // three times is beyond any normal peak; below $10 an hour a tripled spend is a team trying things out.
      // The team moves to client_team: the alert's routing label `team` (ai-platform) would overwrite it.
      expr: `
        sum by (client_team) (label_replace(
            team:gateway_cost_usd:rate1h / avg_over_time(team:gateway_cost_usd:rate1h[7d]) > 3
          and
            team:gateway_cost_usd:rate1h > 10 / 3600,
          "client_team", "$1", "team", "(.*)"
        ))`,
      for: '30m',
      severity: 'ticket',
      summary: "A team's spend rate is more than three times its 7-day average.",
      description: ({ labels, value }) =>
        `Team ${labels.client_team} spent ${value.printf('%.1f')} times its 7-day average rate over the last hour. ` +
        'Look for a prompt or client change that made requests longer, a model switch to a pricier one, or a runaway batch job; ' +
        'the cost dashboard breaks the spend down by model and provider.',
      dashboard: 'ai-gateway-cost',
      labels: { team: 'finops' },
      tests: [
        {
          // The generated tests drive one team; this one proves two teams do not collapse into one alert.
          name: 'two teams quadrupling their spend after a steady week fire two alerts, told apart by client_team',
          interval: '1m',
          // $1 a second for a week, then $4 a second for two hours.
          series: (['team-a', 'team-b'] as const).map((t) =>
            series(m.cost, { provider: 'provider-a', model: 'model-a', team: t }, '0+60x10080 605040+240x119'),
          ),
          expect: [
            { at: '168h', firing: [] },
            { at: '170h', firing: [{ labels: { client_team: 'team-a' } }, { labels: { client_team: 'team-b' } }] },
          ],
        },
      ],
    }),
  ],
});
