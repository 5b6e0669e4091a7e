import { defineCheck } from '../../diagnostics/check.js';
import type { AlertCheck } from './context.js';

export const alertName: AlertCheck = {
  check: defineCheck({
    id: 'alert/name',
    severity: 'error',
    title: 'Alert names are CamelCase and at most 40 characters',
    why: 'The name is the first thing a pager shows; a consistent CamelCase name is greppable across rules, runbooks and routes.',
  }),
  run({ rule }) {
    const out = [];
    if (!/^[A-Z][a-zA-Z0-9]*$/.test(rule.name)) {
      out.push({ field: 'name', message: `alert name "${rule.name}" is not CamelCase`, hint: 'letters and digits only, starting with a capital: GatewayHighErrorRate' });
    }
    if (rule.name.length > 40) out.push({ field: 'name', message: `alert name "${rule.name}" is ${rule.name.length} characters long (at most 40)` });
    return out;
  },
};
