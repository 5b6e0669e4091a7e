import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { compile, RegexpUnsupportedError } from '../../src/engine/goregexp/index.js';
import { requirePromtool, runPromtoolTests } from '../evaluator/promtool.js';

/**
 * The shared translation against Go itself: every pattern is run over every input through
 * Prometheus's `reReplaceAll` and `match` template functions, and promtool must render
 * exactly what lookout predicts. Invalid patterns are covered by errors.test.ts.
 */

const PATTERNS = [
  'a', 'a*', 'a+?', '(a)(b)?', '(?i)a', '(?i)k', '(?i)s', '(?i)[a-z]+', '(?i)[^k]', '(?i)\\W', '(?i:A)b', 'a(?i)b', '(?i)σ', '(?i)Σ+',
  '(?i)[[:upper:]]', '(?i)\\p{Lu}', '(?i:\\P{Lu})', '(?i)ß', '(?i)ı', '\\Qa.b\\E', 'x\\Q\\E*', '[[:alpha:]]+', '[[:^alpha:]]+',
  '[[:space:]]', '\\s', '\\S+', '\\d+', '\\w+', '\\W', '[^a]', '.', '(?s).', '.+', '^', '$', '(?m)^', '(?m)$', '\\A', '\\z', '\\b', '\\B',
  '(?U)a+', '(?U)a+?', 'a{2}', 'a{2,}', 'a{1,2}', 'a{,2}', 'a{01}', '\\pL+', '\\p{Greek}+', '\\PL', '[\\pL\\d]+', '[\\P{L}a]',
  '\\p{^L}', '[^\\P{L}]', '\\p{C}', '(?P<first>\\w)(?P<rest>\\w*)', '(?P<x>a)|(?P<x>b)', '(a)|b', 'a|', '()', 'ab(?i)*',
  '\\x41\\x{1F600}', '\\101', '[]a]', '[^]a]', '[a-]', '\\.\\_', '[\\d-z]', '😀+', '[😀-😂]', '^(?:(a)|b)*$', '^(?:(a)b)*$',
];
const INPUTS = ['', 'abc', 'a\nb\n', 'a\r\nb', 'API api Api', 'ſ K k s S', 'x😀y', 'héllo wörld', 'ab ab', 'a1b22', '{01}', 'ΣΑΣ σας', 'İı iI'];
const TEMPLATES = ['<$0>', '[$1|${2}]', '${first}-$rest:${x}', '$2_$1', '$$1$', '$01${01}$é'];

const goString = (s: string) => JSON.stringify(s);
// Go's yaml.v2 reads U+0085/U+2028/U+2029 as line breaks even inside quotes.
const toYaml = (doc: unknown) =>
  stringify(doc, { lineWidth: 0, defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN' }).replace(
    /[\u0085\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );

function buildCases() {
  const annotations: Record<string, string> = {};
  const expected: Record<string, string> = {};
  const refused: string[] = [];
  let n = 0;
  for (const pattern of PATTERNS) {
    const re = compile(pattern);
    INPUTS.forEach((input, i) => {
      const template = TEMPLATES[i % TEMPLATES.length]!;
      let predicted: string;
      try {
        predicted = `${re.replaceAllString(input, template)}|${re.matchString(input)}`;
      } catch (e) {
        if (!(e instanceof RegexpUnsupportedError)) throw e;
        refused.push(`${pattern} on ${JSON.stringify(input)}`);
        return;
      }
      const key = `c${String(n++).padStart(4, '0')}`;
      annotations[key] = `{{ reReplaceAll ${goString(pattern)} ${goString(template)} ${goString(input)} }}|{{ match ${goString(pattern)} ${goString(input)} }}`;
      expected[key] = predicted;
    });
  }
  return { annotations, expected, refused };
}

describe('the Go regexp translation agrees with promtool 2.42', () => {
  it('renders every pattern over every input exactly as Go does', () => {
    requirePromtool();
    const { annotations, expected, refused } = buildCases();
    // Refusals are covered by loops.test.ts; none of these patterns and inputs needs one.
    expect(refused).toEqual([]);
    expect(Object.keys(expected).length).toBeGreaterThan(900);
    const rules = toYaml({ groups: [{ name: 'goregexp', rules: [{ alert: 'Re', expr: 'm', annotations }] }] });
    const tests = toYaml({
      rule_files: ['rules.yml'],
      evaluation_interval: '1m',
      tests: [
        {
          interval: '1m',
          input_series: [{ series: 'm', values: '1 1' }],
          alert_rule_test: [{ eval_time: '1m', alertname: 'Re', exp_alerts: [{ exp_labels: {}, exp_annotations: expected }] }],
        },
      ],
    });
    const run = runPromtoolTests({ 'rules.yml': rules, 'tests.yml': tests }, ['tests.yml']);
    if (!run.ok) expect.fail(`promtool disagrees (files in ${run.dir}):\n${run.output.slice(0, 20_000)}`);
    expect(run.output).toContain('SUCCESS');
    rmSync(run.dir, { recursive: true, force: true });
  });
});
