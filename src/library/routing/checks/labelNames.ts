import { LABEL_NAME } from '../../promql/labelName.js';
import type { RoutingFinding } from './context.js';

/**
 * Names among `names` that are not label names as Alertmanager 0.25 (Prometheus' model)
 * accepts them: group_by and matchers both refuse them, under their own checks.
 */
export function invalidLabelNames(names: readonly string[], path: string, what: string): RoutingFinding[] {
  return names.filter((n) => !LABEL_NAME.test(n)).map((n) => ({ path, message: `${what} "${n}" is not a valid label name`, hint: 'label names are letters, digits and _, not starting with a digit' }));
}
