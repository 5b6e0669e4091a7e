import { defineCheck } from '../../diagnostics/check.js';
import type { AlertCheck, RuleFinding } from './context.js';
import { LABEL_NAME } from '../../promql/labelName.js';

const RESERVED = new Set(['alertname', 'severity', '__name__']);

export const alertLabels: AlertCheck = {
  check: defineCheck({
    id: 'alert/labels',
    severity: 'error',
    title: 'Alert labels are stable: no $value, no reserved names',
    why: 'Labels identify an alert: a label that changes with $value makes a new alert every evaluation, so it never reaches `for` and never resolves.',
  }),
  run({ rule }) {
    const out: RuleFinding[] = [];
    for (const [name, value] of Object.entries(rule.labels)) {
      const field = `labels.${name}`;
      if (RESERVED.has(name)) out.push({ field, message: `label "${name}" is set by lookout or Prometheus`, hint: name === 'severity' ? 'use the severity field' : undefined });
      if (/\$value|\.Value/.test(value)) out.push({ field, message: `label "${name}" uses $value, so the alert's identity changes every evaluation` });
      if (!LABEL_NAME.test(name)) out.push({ field, message: `"${name}" is not a valid label name` });
    }
    return out;
  },
};
