import { defineCheck } from '../../library/diagnostics/check.js';

export const testNotGenerated = defineCheck({
  id: 'test/not-generated',
  severity: 'warning',
  title: 'Every alert gets generated promtool tests',
  why: 'An alert without a test that makes it fire may never fire; lookout says why it could not derive one so a hand-written case can fill the gap.',
});

export const sloUntested = defineCheck({
  id: 'test/slo-untested',
  severity: 'warning',
  title: 'Every SLO gets generated promtool tests of its burn-rate alerts',
  why: 'An SLO whose tests were skipped validates as all-ok while nothing proves its alerts fire on an outage; `lookout validate` repeats this warning per SLO and fails on it with --fail-on-untested.',
});

export const testExpectation = defineCheck({
  id: 'test/expectation',
  severity: 'error',
  title: 'Hand-written tests expect what their input series produce, with the annotations the alert renders',
  why: 'A test that cannot pass (an alert that does not fire, or an annotation written differently from what the alert renders) is caught at generate time with what lookout computed, instead of as a promtool diff later.',
});
