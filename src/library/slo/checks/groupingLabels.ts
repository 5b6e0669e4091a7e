import { defineCheck } from '../../diagnostics/check.js';
import { inferLabels } from '../../queries/labels.js';
import { totalSelector } from '../sli.js';
import type { SLOCheck } from './context.js';

export const groupingLabels: SLOCheck = {
  check: defineCheck({
    id: 'slo/grouping-labels',
    severity: 'error',
    title: 'An SLO is only grouped by labels its SLI series carry',
    why: 'Grouping by a label the series do not have folds every group into one with an empty label: the per-provider SLO silently becomes a global one.',
  }),
  run({ slo, index }) {
    if (slo.groupBy.length === 0) return [];
    const selector = totalSelector(slo.sli);
    if (!selector) return [];
    const flow = inferLabels(selector, index);
    if (!flow.complete) return [];
    return slo.groupBy
      .filter((l) => !flow.labels.has(l))
      .map((l) => ({ field: 'groupBy', message: `the SLI's series have no "${l}" label`, hint: `labels available: ${[...flow.labels.keys()].sort().join(', ')}` }));
  },
};
