import { defineCheck } from '../../diagnostics/check.js';
import type { SLOCheck, SLOFinding } from './context.js';

export const sloNames: SLOCheck = {
  check: defineCheck({
    id: 'slo/name',
    severity: 'error',
    title: 'SLO and service names are kebab-case label values',
    why: 'The names become the slo and service labels of every recorded series, alert and dashboard variable.',
  }),
  run({ slo }) {
    const out: SLOFinding[] = [];
    for (const field of ['service', 'name'] as const) {
      if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slo[field])) out.push({ field, message: `${field} "${slo[field]}" is not kebab-case (a-z, 0-9, single dashes)` });
    }
    return out;
  },
};
