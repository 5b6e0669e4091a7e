import type { RuleGroup } from '../../../library/alerts/define.js';
import { formatDuration } from '../../../library/duration.js';
import type { PromtoolTestGroup } from '../../synthesis/promtoolTest.js';
import { generatedHeader, toYaml } from './yaml.js';

const TESTS_KEY = 'tests:\n';

/**
 * One alert's tests as entries of a test file's `tests:` list, the way toYaml writes them
 * there: a block sequence's entries are written independently of one another, so a file's
 * list is its alerts' entries one after the other, each written once, on the thread that
 * synthesized them.
 */
export function testEntries(tests: readonly PromtoolTestGroup[]): string {
  if (tests.length === 0) return '';
  const text = toYaml({ tests });
  if (!text.startsWith(TESTS_KEY)) throw new Error(`tests written as ${JSON.stringify(text.slice(0, 20))}, not as a block sequence`);
  return text.slice(TESTS_KEY.length);
}

/**
 * One promtool test file per rule group. It loads the group's rule file and those of its
 * recording-rule dependencies, evaluates at the group's interval, and pins the group order
 * (dependencies first) because promtool otherwise evaluates groups in random order. `entries`
 * are its alerts' testEntries().
 */
export function testFile(options: {
  from: string;
  ruleFiles: readonly string[];
  evaluationIntervalMs: number;
  groupOrder: readonly RuleGroup[];
  entries: readonly string[];
}): string {
  const head = {
    rule_files: [...options.ruleFiles],
    evaluation_interval: formatDuration(options.evaluationIntervalMs),
    ...(options.groupOrder.length > 1 ? { group_eval_order: options.groupOrder.map((g) => g.name) } : {}),
  };
  return generatedHeader(options.from) + toYaml(head) + TESTS_KEY + options.entries.join('');
}
