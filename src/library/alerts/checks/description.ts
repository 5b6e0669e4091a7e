import { defineCheck } from '../../diagnostics/check.js';
import type { AlertCheck } from './context.js';

export const alertDescription: AlertCheck = {
  check: defineCheck({
    id: 'alert/description',
    severity: 'error',
    title: 'Every alert has a description',
    why: 'The description is where the responder learns which provider, how bad, and what to check first.',
  }),
  run({ rule }) {
    return rule.description.trim() ? [] : [{ field: 'description', message: 'the description is empty' }];
  },
};
