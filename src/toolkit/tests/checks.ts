import { defineCheck } from '../diagnostics/check.js';

export const testNotGenerated = defineCheck({
  id: 'test/not-generated',
  severity: 'warning',
  title: 'Every alert gets generated promtool tests',
  why: 'An alert without a test that makes it fire may never fire; lookout says why it could not derive one so a hand-written case can fill the gap.',
});

export const testExpectation = defineCheck({
  id: 'test/expectation',
  severity: 'error',
  title: 'Hand-written tests expect what their input series produce',
  why: 'A test that cannot pass is caught at generate time with what lookout computed, instead of as a promtool diff later.',
});
