import { defineCheck } from '../../library/diagnostics/check.js';

export const runbookTemplate = defineCheck({
  id: 'runbook/template',
  severity: 'error',
  title: 'Runbook templates parse and render',
  why: 'A runbook that fails to render leaves a paging alert pointing at a page that does not exist.',
});
