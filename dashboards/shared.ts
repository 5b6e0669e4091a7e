import { labelVariable, standardVariables, variable, type LinkSpec, type VariableSpec } from 'lookout';
import { gateway } from '../src/integrations/gateway/metrics.js';

/**
 * What the gateway's dashboards share: the catalog they query, their variables (datasource,
 * job, instance, provider, model) and the header links between them. Not a dashboard itself.
 */
export const m = gateway.metrics;

/** Tag of every gateway dashboard; the header links list the dashboards carrying it. */
export const GATEWAY_TAG = 'ai-gateway';

/** Job and instance from the build info every replica exposes; provider and model from the requests. */
export function gatewayVariables(extra: readonly VariableSpec[] = []): VariableSpec[] {
  return [...standardVariables({ targets: m.buildInfo, routing: m.requests }), ...extra];
}

/** A guardrail policy picker, for the dashboards about policies. */
export function policyVariable(): VariableSpec {
  return labelVariable({ name: 'policy', metric: m.policyEvaluations, labelName: 'policy', where: { job: variable('job'), instance: variable('instance') } });
}

export const gatewayLinks: LinkSpec[] = [
  { title: 'AI gateway', tags: [GATEWAY_TAG] },
  { title: 'SLOs', tags: ['slo', GATEWAY_TAG] },
];
