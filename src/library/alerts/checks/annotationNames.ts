import { defineCheck } from '../../diagnostics/check.js';
import type { AlertCheck } from './context.js';
import { LABEL_NAME } from '../../promql/labelName.js';

export const alertAnnotationNames: AlertCheck = {
  check: defineCheck({
    id: 'alert/annotation-name',
    severity: 'error',
    title: 'Annotation names are valid label names',
    why: 'promtool check rules and Prometheus refuse a rule file with an annotation named like `runbook-url`: the whole file fails to load, with every alert in it.',
  }),
  run({ rule }) {
    return Object.keys(rule.annotations)
      .filter((name) => !LABEL_NAME.test(name)) // annotation names follow the label-name rule in Prometheus's rule validation
      .map((name) => ({ field: `annotations.${name}`, message: `"${name}" is not a valid annotation name`, hint: 'annotation names are letters, digits and _, not starting with a digit (runbook_url, not runbook-url)' }));
  },
};
