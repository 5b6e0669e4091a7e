import { defineCheck } from '../../diagnostics/check.js';
import type { AlertCheck } from './context.js';
import { templateProblems } from './templateProblems.js';

/** Constructs lookout cannot render for the generated tests. */
export const templateUnsupported: AlertCheck = {
  check: defineCheck({
    id: 'template/unsupported',
    severity: 'warning',
    title: 'Templates avoid constructs lookout cannot render offline',
    why: 'Templates that run queries cannot be rendered into the generated tests; those alerts are tested without exact annotations.',
  }),
  run: templateProblems(['unsupported']),
};
