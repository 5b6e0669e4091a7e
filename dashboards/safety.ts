import { defineDashboard } from 'lookout';
import { increase, rate, sum } from 'lookout/promql';
import { alertNamed, alertThreshold, dashboardRange, query, rateInterval, row, scope, shareOf, table, timeseries, variable } from 'lookout/dashboards';
import governanceRules from '../rules/gateway-governance.js';
import { GATEWAY_TAG, gatewayLinks, gatewayVariables, m, policyVariable } from './shared.js';

const evaluations = { ...scope, policy: variable('policy') } as const;
const verdicts = (verdict: 'allow' | 'redact' | 'block' | 'error') => m.policyEvaluations.where({ ...evaluations, verdict });

/**
 * For the trust and safety owner: what the guardrail policies decide, how often they block,
 * and whether a policy is failing (an `error` verdict is the policy breaking, not a block).
 */
export default defineDashboard({
  slug: 'ai-gateway-safety',
  title: 'AI gateway: safety',
  description: 'Guardrail policy verdicts (allow, redact, block, error) by policy and stage, block rate by policy, and policy failures.',
  tags: [GATEWAY_TAG],
  variables: gatewayVariables([policyVariable()]),
  links: gatewayLinks,
  rows: [
    row('Verdicts', [
      timeseries({
        title: 'Guardrail verdicts per second',
        description: 'Every policy verdict at the request, response and stream stages, stacked by verdict.',
        unit: 'ops',
        stack: true,
        queries: [query(sum(rate(m.policyEvaluations.where(evaluations), rateInterval)).by('verdict'), '{{verdict}}')],
      }),
      timeseries({
        title: 'Block rate by policy',
        description: 'Share of each policy\'s evaluations that blocked the request or response.',
        unit: 'percentunit',
        queries: [query(shareOf(sum(rate(verdicts('block'), rateInterval)).by('policy'), sum(rate(m.policyEvaluations.where(evaluations), rateInterval)).by('policy')), '{{policy}}')],
      }),
      timeseries({
        title: 'Blocks per second by policy',
        unit: 'ops',
        mirrors: alertThreshold(alertNamed(governanceRules, 'GatewayGuardrailBlockSpike')),
        queries: [query(sum(rate(verdicts('block'), rateInterval)).by('policy'), '{{policy}}')],
      }),
      timeseries({
        title: 'Redactions per second by policy and stage',
        description: 'Requests and responses a policy rewrote before passing them on.',
        unit: 'ops',
        queries: [query(sum(rate(verdicts('redact'), rateInterval)).by('policy', 'stage'), '{{policy}} {{stage}}')],
      }),
    ]),
    row('Policy health', [
      timeseries({
        title: 'Policy failures per second by policy',
        description: 'Evaluations where the policy itself failed (the `error` verdict), which let the text through unguarded. Zero for every evaluated policy until one fails.',
        unit: 'ops',
        queries: [
          query(
            // Zero rather than "No data" while no policy has failed: regex policies never do.
            sum(rate(verdicts('error'), rateInterval))
              .by('policy', 'stage')
              .or(sum(rate(m.policyEvaluations.where(evaluations), rateInterval)).by('policy', 'stage').mul(0)),
            '{{policy}} {{stage}}',
          ),
        ],
      }),
      table({
        title: 'Verdicts by policy over the selected range',
        description: 'How many of each verdict every policy returned in the time range on screen.',
        unit: 'short',
        decimals: 0,
        queries: [query(sum(increase(m.policyEvaluations.where(evaluations), dashboardRange)).by('policy', 'verdict'), '', { instant: true, format: 'table' })],
      }),
    ]),
  ],
});
