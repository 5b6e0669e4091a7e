import { labelVariable, scopeVariables, variable, type LinkSpec, type VariableSpec } from 'lookout/dashboards';
import { gateway } from '../src/integrations/gateway/metrics.js';

/**
 * What the gateway's dashboards share: the catalog they query, their variables (datasource,
 * job, instance, provider, model) and the header links between them. Not a dashboard itself.
 * Provider and model are the gateway's own labels, so their variables and matchers live here,
 * not in the library.
 */
export const m = gateway.metrics;

/** Tag of every gateway dashboard; the header links list the dashboards carrying it. */
export const GATEWAY_TAG = 'ai-gateway';

const byTarget = { job: variable('job'), instance: variable('instance') } as const;

/**
 * Job and instance from the build info every replica exposes; provider and model from the
 * requests, each narrowed by the variables before it.
 */
export function gatewayVariables(extra: readonly VariableSpec[] = []): VariableSpec[] {
  return [
    ...scopeVariables({ targets: m.buildInfo }),
    labelVariable({ name: 'provider', metric: m.requests, labelName: 'provider', where: byTarget }),
    labelVariable({ name: 'model', metric: m.requests, labelName: 'model', where: { ...byTarget, provider: variable('provider') } }),
    ...extra,
  ];
}

/**
 * The matchers of the provider and model variables, for `.where(...)` beside `scope`.
 * @example
 * m.requests.where({ ...scope, ...providerAndModel, code: re('5..') })
 */
export const providerAndModel = { provider: variable('provider'), model: variable('model') } as const;

/** A guardrail policy picker, for the dashboards about policies. */
export function policyVariable(): VariableSpec {
  return labelVariable({ name: 'policy', metric: m.policyEvaluations, labelName: 'policy', where: byTarget });
}

export const gatewayLinks: LinkSpec[] = [
  { title: 'AI gateway', tags: [GATEWAY_TAG] },
  { title: 'SLOs', tags: ['slo', GATEWAY_TAG] },
];
