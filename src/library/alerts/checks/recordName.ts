import { defineCheck } from '../../diagnostics/check.js';
import { FOREIGN_RECORD_NAMES } from '../foreignNames.js';
import type { RecordingCheck, RuleFinding } from './context.js';

export const recordName: RecordingCheck = {
  check: defineCheck({
    id: 'rule/record-name',
    severity: 'error',
    title: 'Recording rules are named level:metric:operations',
    why: 'The colon convention tells readers a series is derived (and by what), and keeps recorded names from colliding with exported metrics.',
  }),
  run({ rule }) {
    const out: RuleFinding[] = [];
    if (!/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(rule.name)) out.push({ field: 'name', message: `"${rule.name}" is not a valid metric name` });
    else if (FOREIGN_RECORD_NAMES.has(rule.name)) return out;
    else if (!rule.name.includes(':')) {
      out.push({ field: 'name', message: `recording rule "${rule.name}" has no colon`, hint: 'name it level:metric:operations, e.g. job:gateway_requests:rate5m' });
    } else if (rule.name.split(':').length < 3) {
      out.push({ field: 'name', severity: 'warning', message: `"${rule.name}" does not follow level:metric:operations` });
    }
    return out;
  },
};
