import { defineCheck } from '../../diagnostics/check.js';
import type { SLOCheck } from './context.js';

export const sloDescription: SLOCheck = {
  check: defineCheck({
    id: 'slo/description',
    severity: 'error',
    title: 'Every SLO says what it promises in a sentence',
    why: 'The description heads the SLO\'s dashboard and the runbook of its burn-rate alerts: whoever is paged reads it to learn what users are losing.',
  }),
  run({ slo }) {
    return slo.description.trim().length < 10 ? [{ field: 'description', message: 'the description is missing or too short' }] : [];
  },
};
