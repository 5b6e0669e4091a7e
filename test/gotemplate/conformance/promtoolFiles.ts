/**
 * Builds a Prometheus rule file and a promtool test file whose expected annotations are
 * rendered by lookout, so `promtool test rules` passes only if lookout renders like Prometheus.
 */
import { stringify } from 'yaml';
import { expandAlertAnnotation, type TemplateData } from '../../../src/engine/gotemplate/index.js';
import { strconvParseFloat } from '../../../src/engine/gotemplate/humanize.js';
import type { ConformanceCase } from './cases.js';

export const EXTERNAL_LABELS = { region: 'eu', dc: 'a b' };
export const EXTERNAL_URL = 'https://prom.example.com:9090/sub/path?q=1';
const METRIC = 'conformance_value';

// Go's yaml.v2 misreads folded plain scalars, so never fold and always double-quote strings.
const YAML_OPTIONS = { lineWidth: 0, defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN' } as const;

/** YAML 1.1 (Go's yaml.v2) treats U+0085/U+2028/U+2029 as line breaks even inside quotes. */
const toYaml = (doc: unknown) =>
  stringify(doc, YAML_OPTIONS).replace(/[\u0085\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

const selector = (labels: Record<string, string>) =>
  `${METRIC}{${Object.entries(labels)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(', ')}}`;

function expand(text: string, data: TemplateData, alert: string): string {
  const r = expandAlertAnnotation(text, data, alert, 'promtool');
  if (!r.ok) throw new Error(`case ${alert}: lookout cannot render ${JSON.stringify(text)}: ${r.message}`);
  return r.text;
}

export function promtoolFiles(cases: ConformanceCase[]): { rules: string; tests: string } {
  const rules = cases.map((c) => ({
    alert: c.name,
    expr: selector({ case: c.name }),
    ...(c.ruleLabels ? { labels: c.ruleLabels } : {}),
    annotations: c.annotations,
  }));
  const series = cases.map((c) => ({
    series: selector({ case: c.name, ...c.labels }),
    values: Array(3).fill(c.value).join(' '),
  }));
  const alertTests = cases.map((c) => {
    const sampleLabels = { case: c.name, ...c.labels };
    const data: TemplateData = {
      // $labels are the labels of the expression's sample, metric name included.
      labels: { __name__: METRIC, ...sampleLabels },
      value: strconvParseFloat(c.value),
      externalLabels: EXTERNAL_LABELS,
      externalURL: EXTERNAL_URL,
    };
    const ruleLabels = Object.fromEntries(Object.entries(c.ruleLabels ?? {}).map(([k, v]) => [k, expand(v, data, c.name)]));
    const annotations = Object.fromEntries(Object.entries(c.annotations).map(([k, v]) => [k, expand(v, data, c.name)]));
    return {
      eval_time: '1m',
      alertname: c.name,
      exp_alerts: [{ exp_labels: { ...sampleLabels, ...ruleLabels }, exp_annotations: annotations }],
    };
  });
  return {
    rules: toYaml({ groups: [{ name: 'template-conformance', rules }] }),
    tests: toYaml({
      rule_files: ['rules.yml'],
      evaluation_interval: '1m',
      tests: [
        {
          interval: '1m',
          external_labels: EXTERNAL_LABELS,
          external_url: EXTERNAL_URL,
          input_series: series,
          alert_rule_test: alertTests,
        },
      ],
    }),
  };
}
