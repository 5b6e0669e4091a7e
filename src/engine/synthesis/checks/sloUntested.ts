import { defineCheck } from '../../../library/diagnostics/check.js';

export const sloUntested = defineCheck({
  id: 'test/slo-untested',
  severity: 'warning',
  title: 'Every SLO gets generated promtool tests of its burn-rate alerts',
  why: 'An SLO whose tests were skipped validates as all-ok while nothing proves its alerts fire on an outage; `lookout validate` repeats this warning per SLO and fails on it with --fail-on-untested.',
});
