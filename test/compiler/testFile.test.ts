import { describe, expect, it } from 'vitest';
import type { RuleGroup } from '../../src/library/alerts/define.js';
import type { PromtoolTestGroup } from '../../src/engine/synthesis/promtoolTest.js';
import { testEntries, testFile } from '../../src/engine/compiler/emit/testFile.js';
import { generatedHeader, toYaml } from '../../src/engine/compiler/emit/yaml.js';

/** Tests whose YAML needs every kind of care: block scalars with blank lines, quoting, escapes. */
function tests(alertname: string): PromtoolTestGroup[] {
  return [
    {
      name: `${alertname}: fires after 5m`,
      interval: '1m',
      external_labels: { cluster: 'eu-1' },
      input_series: [{ series: `up{job="a: b", instance="#1"}`, values: '1x10 0x20 _x3 stale' }],
      alert_rule_test: [
        {
          eval_time: '10m',
          alertname,
          exp_alerts: [
            {
              exp_labels: { severity: 'page', yes: 'true', empty: '' },
              exp_annotations: { description: 'first line\n\n  indented after a blank line\nlast\n', summary: 'a\u2028b: "quoted"', runbook_url: '- not a list' },
            },
          ],
        },
        { eval_time: '1m', alertname, exp_alerts: [] },
      ],
    },
    { name: `${alertname}: ratios`, interval: '30s', input_series: [], promql_expr_test: [{ expr: 'x{a="1"}', eval_time: '1h', exp_samples: [{ labels: 'x{a="1"}', value: 0.1 }] }] },
  ];
}

describe('test files joined from their alerts\' entries', () => {
  it('are the bytes of the whole file written at once', () => {
    const group = (name: string) => ({ name }) as RuleGroup;
    const a = tests('FirstAlert');
    const b = tests('SecondAlert');
    const joined = testFile({
      from: 'rules/x.ts',
      ruleFiles: ['../rules/x.rules.yml', '../rules/deps.rules.yml'],
      evaluationIntervalMs: 60_000,
      groupOrder: [group('deps'), group('x')],
      entries: [testEntries(a), testEntries([]), testEntries(b)],
    });
    const whole =
      generatedHeader('rules/x.ts') +
      toYaml({ rule_files: ['../rules/x.rules.yml', '../rules/deps.rules.yml'], evaluation_interval: '1m', group_eval_order: ['deps', 'x'], tests: [...a, ...b] });
    expect(joined).toBe(whole);
    expect(joined).toContain('\\L');
  });

  it('name no group order for a single group', () => {
    const text = testFile({ from: 'rules/x.ts', ruleFiles: ['../rules/x.rules.yml'], evaluationIntervalMs: 300_000, groupOrder: [{ name: 'x' } as RuleGroup], entries: [testEntries(tests('A'))] });
    expect(text).not.toContain('group_eval_order');
    expect(text).toContain('evaluation_interval: 5m\ntests:\n  - name: "A: fires after 5m"');
  });
});
