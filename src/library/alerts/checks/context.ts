import type { Check } from '../../diagnostics/check.js';
import type { Finding } from '../../diagnostics/diagnostic.js';
import type { MetricIndex } from '../../catalog/metricIndex.js';
import type { Expr } from '../../promql/ast.js';
import type { LabelFlow } from '../../queries/labels.js';
import type { Project } from '../../project.js';
import type { Semantics } from '../../semantics.js';
import type { AlertRule, RecordingRule, RuleGroup } from '../define.js';

/** What a rule check sees: the rule, its group, and what the compiler learned about its query. */
export interface RuleContext<R extends AlertRule | RecordingRule = AlertRule | RecordingRule> {
  readonly rule: R;
  readonly group: RuleGroup;
  readonly project: Project;
  readonly index: MetricIndex;
  /** The parsed query, when it parsed. */
  readonly expr?: Expr | undefined;
  /** The labels the query's result carries, when it parsed. */
  readonly flow?: LabelFlow | undefined;
  readonly scrapeIntervalMs: number;
  readonly groupIntervalMs: number;
  /** Go's templates, as Prometheus parses them; the compiler passes in the engine's. */
  readonly semantics: Semantics;
}

export type RuleFinding = Omit<Finding, 'path' | 'source'> & { field: string };

export interface AlertCheck {
  readonly check: Check;
  run(ctx: RuleContext<AlertRule>): RuleFinding[];
}

export interface RecordingCheck {
  readonly check: Check;
  run(ctx: RuleContext<RecordingRule>): RuleFinding[];
}

/** Every templated text of an alert with its field path: description, labels, annotations. */
export function templatedFields(rule: AlertRule): { field: string; text: string; isLabel: boolean }[] {
  return [
    { field: 'summary', text: rule.summary, isLabel: false },
    { field: 'description', text: rule.description, isLabel: false },
    ...Object.entries(rule.labels).map(([k, text]) => ({ field: `labels.${k}`, text, isLabel: true })),
    ...Object.entries(rule.annotations).map(([k, text]) => ({ field: `annotations.${k}`, text, isLabel: false })),
  ];
}
