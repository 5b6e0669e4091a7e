import { defineCheck } from '../../diagnostics/check.js';
import type { MetricCheck, MetricFinding } from './context.js';

const RESERVED: Record<string, string> = {
  le: 'histograms add it to their buckets',
  quantile: 'summaries add it',
  job: 'Prometheus sets it from the scrape config; the metric\'s own value becomes exported_job',
  instance: 'Prometheus sets it from the scrape target; the metric\'s own value becomes exported_instance',
  alertname: 'alerts use it',
};

export const labelName: MetricCheck = {
  check: defineCheck({
    id: 'catalog/label-name',
    severity: 'error',
    title: 'Label names are snake_case and not reserved',
    why: 'Reserved names are overwritten at scrape or alert time, so a query on them reads something else than the code wrote.',
  }),
  run({ metric }) {
    const out: MetricFinding[] = [];
    for (const name of Object.keys(metric.info.labels)) {
      const field = `labels.${name}`;
      if (!/^[a-z][a-z0-9_]*$/.test(name)) out.push({ field, message: `label name "${name}" is not lower snake_case` });
      if (RESERVED[name]) out.push({ field, message: `label name "${name}" is reserved: ${RESERVED[name]}` });
    }
    return out;
  },
};
