import { defineCheck } from '../../diagnostics/check.js';
import type { MetricCheck, MetricFinding } from './context.js';

/** Label names that, in a gateway, almost always hold per-user or per-request values. */
const UNBOUNDED = new Set([
  'user',
  'user_id',
  'username',
  'email',
  'customer_id',
  'api_key',
  'key',
  'key_id',
  'virtual_key',
  'token',
  'request_id',
  'trace_id',
  'span_id',
  'session_id',
  'conversation_id',
  'correlation_id',
  'ip',
  'client_ip',
  'remote_addr',
  'url',
  'path',
  'prompt',
  'message',
  'error_message',
]);

export const unboundedLabel: MetricCheck = {
  check: defineCheck({
    id: 'catalog/unbounded-label',
    severity: 'error',
    title: 'Labels are bounded: no user, key or request identifiers',
    why: 'Each distinct label value is a new series; a per-request or per-user label grows the TSDB without limit and eventually takes Prometheus down.',
  }),
  run({ metric }) {
    const out: MetricFinding[] = [];
    for (const [name, values] of Object.entries(metric.info.labels)) {
      if (values !== 'open') continue;
      if (UNBOUNDED.has(name)) {
        out.push({ field: `labels.${name}`, message: `label "${name}" on "${metric.info.name}" is unbounded (one series per user, key or request)`, hint: 'put it in logs or traces; aggregate to team or tier for metrics' });
      } else if (name.endsWith('_id')) {
        out.push({
          field: `labels.${name}`,
          severity: 'warning',
          message: `label "${name}" on "${metric.info.name}" looks like an identifier`,
          hint: 'if its values come from configuration (bounded), name it without _id; otherwise drop it',
        });
      }
    }
    return out;
  },
};
