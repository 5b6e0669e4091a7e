import { defineDashboard } from 'lookout';
import { increase, notRe, not, rate, sum } from 'lookout/promql';
import { atLeast, objectiveRatio, query, rateInterval, row, scope, stat, table, timeseries } from 'lookout/dashboards';
import { requestsSuccess } from '../slo/gateway.js';
import { GATEWAY_TAG, gatewayLinks, gatewayVariables, m } from './shared.js';

const chat = { ...scope, route: 'chat_completions' } as const;
/** The requests-success SLO's own definition of good and counted requests: no 5xx, client hang-ups (499) left out. */
const goodRequests = m.requests.where({ ...chat, code: notRe('5..|499') });
const countedRequests = m.requests.where({ ...chat, code: not('499') });

/**
 * For the people who ask "is the gateway fine, who uses it and what does it cost": a day of
 * requests and spend, per team, and where every SLO stands.
 */
export default defineDashboard({
  slug: 'ai-gateway-executive',
  title: 'AI gateway: executive overview',
  description: 'Requests and spend per team over the last day, success rate against the SLO, and the error budget left on every SLO.',
  tags: [GATEWAY_TAG],
  variables: gatewayVariables(),
  links: gatewayLinks,
  time: { from: 'now-7d', to: 'now' },
  rows: [
    row('The last 24 hours', [
      stat({
        title: 'Requests in the last 24 hours',
        description: 'Client requests answered by the gateway, every route and status.',
        unit: 'short',
        queries: [query(sum(increase(m.requests.where(scope), '1d')), 'requests', { instant: true })],
      }),
      stat({
        title: 'Spend in the last 24 hours',
        description: 'Provider spend priced from reported token usage.',
        unit: 'currencyUSD',
        queries: [query(sum(increase(m.cost.where(scope), '1d')), 'spend', { instant: true })],
      }),
      stat({
        title: 'Chat success rate over 24 hours',
        description: `Chat requests answered without a server error; the requests-success SLO asks for ${requestsSuccess.objective}%.`,
        unit: 'percentunit',
        decimals: 2,
        thresholds: atLeast(objectiveRatio(requestsSuccess)),
        queries: [query(sum(increase(goodRequests, '1d')).div(sum(increase(countedRequests, '1d'))), 'success rate', { instant: true })],
      }),
      stat({
        title: 'SLO alerts firing',
        description: 'Burn-rate alerts of the gateway\'s SLOs firing now; the SLO row below shows which budgets are going.',
        unit: 'none',
        thresholds: [
          { value: null, color: 'green' },
          { value: 1, color: 'red' },
        ],
        sparkline: false,
        queries: [query('count(ALERTS{alertstate="firing",service="ai-gateway",slo=~".+"}) or vector(0)', 'firing', { instant: true })],
      }),
    ]),
    row('Usage and spend by team', [
      timeseries({
        title: 'Requests per day by team',
        description: 'Client requests over the trailing 24 hours at each point, per team.',
        unit: 'short',
        queries: [query(sum(increase(m.requests.where(scope), '1d')).by('team'), '{{team}}')],
      }),
      timeseries({
        title: 'Spend per day by team',
        description: 'Spend over the trailing 24 hours at each point, per team; stacked, so the top line is the whole bill.',
        unit: 'currencyUSD',
        stack: true,
        queries: [query(sum(increase(m.cost.where(scope), '1d')).by('team'), '{{team}}')],
      }),
      timeseries({
        title: 'Chat success rate',
        description: 'Share of chat requests answered without a server error; the line is the requests-success objective.',
        unit: 'percentunit',
        decimals: 3,
        thresholds: atLeast(objectiveRatio(requestsSuccess)),
        queries: [query(sum(rate(goodRequests, rateInterval)).div(sum(rate(countedRequests, rateInterval))), 'success rate')],
      }),
    ]),
    row('SLO status', [
      table({
        title: 'Error budget remaining by SLO',
        description: 'Share of each SLO\'s error budget still unspent over its period: below 25% the SLO is at risk, below 0 it is missed.',
        unit: 'percentunit',
        decimals: 1,
        width: 12,
        sortBy: 'Value',
        thresholds: [
          { value: null, color: 'red' },
          { value: 0, color: 'orange' },
          { value: 0.25, color: 'green' },
        ],
        queries: [query('slo:error_budget_remaining:ratio{service="ai-gateway"}', '', { instant: true, format: 'table' })],
      }),
      timeseries({
        title: 'Error budget remaining over time',
        description: 'Each SLO\'s remaining error budget; a steady descent is a slow burn no fast alert tier catches.',
        unit: 'percentunit',
        decimals: 1,
        thresholds: atLeast(0),
        queries: [query('slo:error_budget_remaining:ratio{service="ai-gateway"}', '{{slo}}')],
      }),
    ]),
  ],
});
