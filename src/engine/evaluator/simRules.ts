import type { Expr } from '../../library/promql/ast.js';

// The rules and alerts of a simulation, apart from simulateRules (rules.ts), so the modules
// that evaluate one rule (alertingRule.ts, ruleOutput.ts, probes.ts) do not import it back.

export interface SimRecordingRule {
  kind: 'record';
  record: string;
  expr: Expr;
  labels?: Readonly<Record<string, string>>;
}

export interface SimAlertingRule {
  kind: 'alert';
  alert: string;
  expr: Expr;
  /** `for:` — how long an alert stays pending before it fires. */
  forMs?: number;
  /** `keep_firing_for:` — how long a firing alert outlives its condition. */
  keepFiringForMs?: number;
  /** The rule's labels as written (templates unexpanded); ALERTS series start from these. */
  labels?: Readonly<Record<string, string>>;
  /**
   * Expands the label templates for one result sample (`$labels` includes `__name__`,
   * `$value` is the sample value). Without it `labels` are used verbatim. A label expanded
   * to "" is dropped, as in Prometheus.
   */
  renderLabels?: (sampleLabels: Record<string, string>, value: number) => Record<string, string>;
}

export type SimRule = SimRecordingRule | SimAlertingRule;

export type AlertState = 'pending' | 'firing' | 'inactive';

/** One alert instance after a rule evaluation. */
export interface SimAlert {
  /** Final alert labels, `alertname` included, `__name__` never. */
  labels: Record<string, string>;
  state: AlertState;
  /** The latest value of the expression for this alert (what `$value` shows). */
  value: number;
  activeAtMs: number;
  firedAtMs?: number;
  resolvedAtMs?: number;
  keepFiringSinceMs?: number;
}
