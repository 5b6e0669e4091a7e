import { defineDashboard } from 'lookout';
import { increase, rate, sum } from 'lookout/promql';
import { alertNamed, alertThreshold, dashboardRange, query, rateInterval, row, scope, shareOf, stat, timeseries } from 'lookout/dashboards';
import governanceRules from '../rules/gateway-governance.js';
import { GATEWAY_TAG, gatewayLinks, gatewayVariables, m, providerAndModel } from './shared.js';

const spend = m.cost.where({ ...scope, ...providerAndModel });

/**
 * For finance and team leads: spend per hour by team and model, what a thousand tokens cost,
 * and how budgets are holding (blocks, live checks, failing open).
 */
export default defineDashboard({
  slug: 'ai-gateway-cost',
  title: 'AI gateway: cost',
  description: 'Spend per hour by team and model, cost per thousand tokens, and budget use: refusals for exhausted budgets and live budget checks.',
  tags: [GATEWAY_TAG],
  variables: gatewayVariables(),
  links: gatewayLinks,
  time: { from: 'now-2d', to: 'now' },
  rows: [
    row('Spend', [
      stat({
        title: 'Spend over the selected range',
        unit: 'currencyUSD',
        description: 'Everything spent in the time range on screen, for the chosen providers and models.',
        queries: [query(sum(increase(spend, dashboardRange)), 'spend', { instant: true })],
      }),
      timeseries({
        title: 'Spend per hour by team',
        description: 'Each team\'s spend rate over the last hour, from the recording rule the cost-anomaly alert reads (all providers and models).',
        unit: 'currencyUSD',
        stack: true,
        width: 18,
        queries: [query('team:gateway_cost_usd:rate1h * 3600', '{{team}}')],
      }),
      timeseries({
        title: 'Spend per hour by model',
        unit: 'currencyUSD',
        description: 'Spend over the trailing hour at each point, per model, stacked.',
        stack: true,
        queries: [query(sum(increase(spend, '1h')).by('model'), '{{model}}')],
      }),
      timeseries({
        title: 'Cost per 1,000 tokens by model',
        description: 'Spend divided by tokens (prompt and completion together): a model switch or a pricing change shows here first.',
        unit: 'currencyUSD',
        decimals: 4,
        queries: [query(sum(rate(spend, rateInterval)).by('model').div(sum(rate(m.tokens.where({ ...scope, ...providerAndModel }), rateInterval)).by('model')).mul(1000), '{{model}}')],
      }),
    ]),
    row('Budgets', [
      timeseries({
        title: 'Requests refused for an exhausted budget by team',
        unit: 'reqps',
        description: 'Requests the gateway refused because the team had no budget left.',
        queries: [query(sum(rate(m.budgetBlocks.where(scope), rateInterval)).by('team'), '{{team}}')],
      }),
      timeseries({
        title: 'Live budget checks per second by outcome',
        description: 'Checks against the control plane for teams near their limit: ok, near the limit, over it, or failed (served from the cached snapshot).',
        unit: 'ops',
        stack: true,
        queries: [query(sum(rate(m.budgetLiveChecks.where(scope), rateInterval)).by('outcome'), '{{outcome}}')],
      }),
      timeseries({
        title: 'Live budget checks failing open',
        unit: 'percentunit',
        mirrors: alertThreshold(alertNamed(governanceRules, 'GatewayBudgetCheckFailingOpen')),
        queries: [
          query(
            shareOf(sum(rate(m.budgetLiveChecks.where({ ...scope, outcome: ['transport_error', 'timeout'] }), rateInterval)), sum(rate(m.budgetLiveChecks.where(scope), rateInterval))),
            'failing open',
          ),
        ],
      }),
    ]),
  ],
});
