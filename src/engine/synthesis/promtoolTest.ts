/** The shape of a promtool unit-test file (`promtool test rules`), as lookout writes it. */

export interface PromtoolInputSeries {
  series: string;
  values: string;
}

export interface PromtoolExpectedAlert {
  exp_labels: Record<string, string>;
  exp_annotations: Record<string, string>;
}

export interface PromtoolAlertTest {
  eval_time: string;
  alertname: string;
  exp_alerts: PromtoolExpectedAlert[];
}

export interface PromtoolExprTest {
  expr: string;
  eval_time: string;
  exp_samples: { labels: string; value: number }[];
}

export interface PromtoolTestGroup {
  name: string;
  interval: string;
  external_labels?: Record<string, string>;
  input_series: PromtoolInputSeries[];
  alert_rule_test?: PromtoolAlertTest[];
  promql_expr_test?: PromtoolExprTest[];
}

export interface PromtoolTestFile {
  rule_files: string[];
  evaluation_interval: string;
  group_eval_order?: string[];
  tests: PromtoolTestGroup[];
}

/** `name{a="1", b="2"}` with labels sorted, as promtool's series parser reads it. */
export function seriesSelector(labels: Readonly<Record<string, string>>): string {
  const { __name__: name = '', ...rest } = labels;
  const pairs = Object.keys(rest)
    .sort()
    .map((k) => `${k}=${JSON.stringify(rest[k])}`);
  return pairs.length ? `${name}{${pairs.join(', ')}}` : name;
}
