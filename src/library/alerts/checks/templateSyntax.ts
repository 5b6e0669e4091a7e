import { defineCheck } from '../../diagnostics/check.js';
import type { AlertCheck } from './context.js';
import { templateProblems } from './templateProblems.js';

/** Template syntax and unknown functions. */
export const templateSyntax: AlertCheck = {
  check: defineCheck({
    id: 'template/syntax',
    severity: 'error',
    title: 'Templates parse and call only functions Prometheus has',
    why: 'Prometheus refuses the whole rule file when one annotation template does not parse or calls an unknown function.',
    refusedBy: 'Prometheus',
  }),
  run: templateProblems(['syntax', 'unknown-function']),
};
