import { defineCheck } from '../../../library/diagnostics/check.js';

export const testNotGenerated = defineCheck({
  id: 'test/not-generated',
  severity: 'warning',
  title: 'Every alert gets generated promtool tests',
  why: 'An alert without a test that makes it fire may never fire; lookout says why it could not derive one so a hand-written case can fill the gap.',
});
