import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import type { AlertRule, RuleGroup, Severity } from '../alerts/define.js';
import { isComparison, unwrapParens, type ComparisonOp, type Expr } from '../promql/ast.js';
import { parsePromQL } from '../promql/parse.js';
import { COLORS } from './conventions.js';

/** One step of a panel's thresholds: from `value` up, draw in `color`. */
export interface ThresholdStep {
  /** null is the base step, below every other. */
  readonly value: number | null;
  readonly color: string;
}

/** Where an alert fires: the comparison at the top of its query and the number it compares with. */
export interface AlertThreshold {
  readonly alert: string;
  readonly op: ComparisonOp;
  readonly value: number;
  readonly severity: Severity;
}

function topComparison(expr: Expr): { op: ComparisonOp; value: number } | undefined {
  const e = unwrapParens(expr);
  if (e.type !== 'binary') return undefined;
  if (e.op === 'and' || e.op === 'unless') return topComparison(e.lhs);
  if (!isComparison(e.op)) return undefined;
  const rhs = unwrapParens(e.rhs);
  if (rhs.type === 'number') return { op: e.op, value: rhs.value };
  const lhs = unwrapParens(e.lhs);
  // `5 < x` is `x > 5`.
  const flipped: Record<ComparisonOp, ComparisonOp> = { '>': '<', '<': '>', '>=': '<=', '<=': '>=', '==': '==', '!=': '!=' };
  if (lhs.type === 'number') return { op: flipped[e.op], value: lhs.value };
  return undefined;
}

/**
 * The threshold an alert fires at, read from the query it is compiled to, so a panel that
 * mirrors the alert draws the line where the rule really fires. Throws when the query's top
 * is not a comparison with a number (then there is no single line to draw).
 * @example
 * alertThreshold(alertNamed(reliabilityRules, 'GatewayHighErrorRate')) // { op: '>', value: 0.05, ... }
 */
export function alertThreshold(rule: AlertRule): AlertThreshold {
  const parsed = parsePromQL(rule.expr);
  const found = parsed.ok ? topComparison(parsed.expr) : undefined;
  if (!found) throw new Error(`alert ${rule.name} does not end in a comparison with a number, so no threshold can be drawn from it`);
  return { alert: rule.name, ...found, severity: rule.severity };
}

/** The alert named `name` in a rule group; throws when there is none (a renamed alert). */
export function alertNamed(group: RuleGroup, name: string): AlertRule {
  const rule = group.rules.find((r): r is AlertRule => r.kind === 'alert' && r.name === name);
  if (!rule) throw new Error(`rule group ${group.name} has no alert named ${name}`);
  return rule;
}

const SEVERITY_COLOR: Record<Severity, string> = { page: COLORS.bad, ticket: COLORS.warning, info: COLORS.info };

/** Threshold steps that turn the series the alert's colour where the alert fires. */
export function alertSteps(t: AlertThreshold): ThresholdStep[] {
  const color = SEVERITY_COLOR[t.severity];
  if (t.op === '<' || t.op === '<=') return [{ value: null, color }, { value: t.value, color: COLORS.ok }];
  return [{ value: null, color: COLORS.ok }, { value: t.value, color }];
}

/**
 * Steps for a target that must be reached: red below `value`, green from it up (an SLI
 * against its objective, a remaining budget against zero).
 */
export function atLeast(value: number): ThresholdStep[] {
  return [{ value: null, color: COLORS.bad }, { value, color: COLORS.ok }];
}

/** Steps for a limit that must not be crossed: green below `value`, `color` from it up. */
export function atMost(value: number, color: string = COLORS.bad): ThresholdStep[] {
  return [{ value: null, color: COLORS.ok }, { value, color }];
}

/** The SDK's thresholds config for steps, absolute mode. */
export function thresholdsConfig(steps: readonly ThresholdStep[]): dashboard.ThresholdsConfigBuilder {
  return new dashboard.ThresholdsConfigBuilder().mode(dashboard.ThresholdsMode.Absolute).steps(steps.map((s) => ({ value: s.value, color: s.color })));
}
