import { defineCheck } from '../../diagnostics/check.js';

/** The query must parse; Prometheus refuses to load a rule file with one bad expression. */
export const syntaxCheck = defineCheck({
  id: 'promql/syntax',
  severity: 'error',
  title: 'Every query parses as PromQL',
  why: 'One unparsable expression makes Prometheus reject the whole rule file on reload, keeping the old rules running.',
  refusedBy: 'Prometheus',
});
