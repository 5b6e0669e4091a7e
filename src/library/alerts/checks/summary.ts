import { defineCheck } from '../../diagnostics/check.js';
import type { AlertCheck, RuleFinding } from './context.js';

export const alertSummary: AlertCheck = {
  check: defineCheck({
    id: 'alert/summary',
    severity: 'error',
    title: 'The summary is one static sentence',
    why: 'Alertmanager groups notifications by labels and shows one summary per group; a templated summary differs per alert and hides the others. The numbers belong in the description.',
  }),
  run({ rule }) {
    const out: RuleFinding[] = [];
    const s = rule.summary.trim();
    if (s.includes('{{')) out.push({ field: 'summary', message: 'the summary contains a template', hint: 'keep the summary static; put $labels and $value in the description' });
    if (s.length === 0) out.push({ field: 'summary', message: 'the summary is empty' });
    else {
      if (!/^[A-Z0-9]/.test(s)) out.push({ field: 'summary', severity: 'warning', message: 'the summary does not start with a capital letter' });
      if (!/[.!?]$/.test(s)) out.push({ field: 'summary', severity: 'warning', message: 'the summary is not a sentence ending with a period' });
      if (s.length > 120) out.push({ field: 'summary', severity: 'warning', message: `the summary is ${s.length} characters; notifications truncate long titles` });
      if (s.includes('\n')) out.push({ field: 'summary', message: 'the summary spans several lines' });
    }
    return out;
  },
};
