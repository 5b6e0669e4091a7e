import type { RuleGroup } from '../../toolkit/alerts/define.js';
import { formatDuration } from '../../toolkit/duration.js';
import type { PromtoolTestFile, PromtoolTestGroup } from '../../toolkit/tests/promtoolTest.js';
import { generatedHeader, toYaml } from './yaml.js';

/**
 * One promtool test file per rule group. It loads the group's rule file and those of its
 * recording-rule dependencies, evaluates at the group's interval, and pins the group order
 * (dependencies first) because promtool otherwise evaluates groups in random order.
 */
export function testFile(options: {
  from: string;
  ruleFiles: readonly string[];
  evaluationIntervalMs: number;
  groupOrder: readonly RuleGroup[];
  tests: readonly PromtoolTestGroup[];
}): string {
  const file: PromtoolTestFile = {
    rule_files: [...options.ruleFiles],
    evaluation_interval: formatDuration(options.evaluationIntervalMs),
    tests: [...options.tests],
  };
  if (options.groupOrder.length > 1) file.group_eval_order = options.groupOrder.map((g) => g.name);
  const ordered = { rule_files: file.rule_files, evaluation_interval: file.evaluation_interval, ...(file.group_eval_order ? { group_eval_order: file.group_eval_order } : {}), tests: file.tests };
  return generatedHeader(options.from) + toYaml(ordered);
}
