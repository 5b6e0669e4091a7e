import { defineCheck } from '../../diagnostics/check.js';
import type { SLOCheck } from './context.js';

export const latencyThreshold: SLOCheck = {
  check: defineCheck({
    id: 'slo/latency-threshold',
    severity: 'error',
    title: 'A latency threshold is a bucket boundary of its histogram',
    why: 'Between two buckets the share of fast requests can only be interpolated; an SLO on an estimate pages on artefacts of the bucket layout.',
  }),
  run({ slo, index }) {
    if (slo.sli.kind !== 'latency') return [];
    const info = index.get(`${slo.sli.histogram}_bucket`);
    if (!info?.buckets) return [{ field: 'sli.histogram', message: `"${slo.sli.histogram}" is not a histogram in the catalog` }];
    if (info.buckets.includes(slo.sli.threshold)) return [];
    return [{ field: 'sli.threshold', message: `threshold ${slo.sli.threshold} is not a bucket of "${slo.sli.histogram}"`, hint: `buckets: ${info.buckets.join(', ')}` }];
  },
};
