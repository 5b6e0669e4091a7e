import { defineCheck } from '../../../library/diagnostics/check.js';

export const testExpectation = defineCheck({
  id: 'test/expectation',
  severity: 'error',
  title: 'Hand-written tests expect what their input series produce, with the annotations the alert renders',
  why: 'A test that cannot pass (an alert that does not fire, or an annotation written differently from what the alert renders) is caught at generate time with what lookout computed, instead of as a promtool diff later.',
  refusedBy: 'promtool',
});
