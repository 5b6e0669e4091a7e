import { defineCheck } from '../../diagnostics/check.js';
import type { RecordingCheck, RuleFinding } from './context.js';
import { LABEL_NAME } from '../../promql/labelName.js';

export const recordLabels: RecordingCheck = {
  check: defineCheck({
    id: 'rule/record-labels',
    severity: 'error',
    title: 'Recording rule labels have valid names, and none is __name__',
    why: 'promtool check rules and Prometheus refuse a rule file whose recording rule sets an invalid label name or __name__ (which would rename the recorded series): the whole file fails to load.',
  }),
  run({ rule }) {
    const out: RuleFinding[] = [];
    for (const name of Object.keys(rule.labels)) {
      const field = `labels.${name}`;
      if (name === '__name__') out.push({ field, message: 'a recording rule cannot set __name__: the name it records under is `name`', hint: 'remove the label; rename the rule instead' });
      else if (!LABEL_NAME.test(name)) out.push({ field, message: `"${name}" is not a valid label name`, hint: 'label names are letters, digits and _, not starting with a digit' });
    }
    return out;
  },
};
