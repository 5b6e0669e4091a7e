import type { Duration } from '../duration.js';
import type { SourceLocation } from '../diagnostics/diagnostic.js';
import { captureSource } from '../source.js';
import { keptIgnore, type Ignore } from '../diagnostics/ignore.js';
import type { Vector } from '../promql/builder/vector.js';
import { renderTemplated, type Templated } from './templateContext.js';
import type { AlertTestCase } from './testCase.js';

/**
 * Who gets told: `page` wakes someone up, `ticket` is work for business hours, `info` only
 * shows on dashboards and in silences.
 */
export type Severity = 'page' | 'ticket' | 'info';
export const SEVERITIES: readonly Severity[] = ['page', 'ticket', 'info'];

export interface AlertOptions<L extends string> {
  /** CamelCase, at most 40 characters: `GatewayHighErrorRate`. */
  name: string;
  /** A typed query from the catalog, or PromQL text (parsed and checked at generate time). */
  expr: Vector<L> | string;
  /** How long the condition must hold before the alert fires. */
  for?: Duration;
  /** How long the alert keeps firing after the condition clears, against flapping. */
  keepFiringFor?: Duration;
  severity: Severity;
  /** One static sentence naming the symptom; no templates, it groups notifications. */
  summary: string;
  /** What is happening, with the numbers, and what to check first. Templated. */
  description: Templated<L>;
  /** Runbook URL, or a path under the project's runbook base URL. Defaults to the alert's slug. */
  runbook?: string;
  /** Dashboard URL, or a dashboard uid under the project's Grafana URL. */
  dashboard?: string;
  /** Extra labels for routing (`team`, ...). Values may be templated. */
  labels?: Readonly<Record<string, Templated<L>>>;
  /** Extra annotations beyond summary, description, runbook_url and dashboard_url. */
  annotations?: Readonly<Record<string, Templated<L>>>;
  /** Hand-written promtool cases, compiled next to the generated ones. */
  tests?: readonly AlertTestCase[];
  /** Checks silenced for this alert, each with the reason: `{ 'alert/summary': 'why' }`. */
  ignore?: Ignore;
}

/** An alerting rule, after its typed parts were rendered to text. */
export interface AlertRule {
  readonly kind: 'alert';
  readonly name: string;
  readonly expr: string;
  readonly for?: string | undefined;
  readonly keepFiringFor?: string | undefined;
  readonly severity: Severity;
  readonly summary: string;
  readonly description: string;
  readonly runbook?: string | undefined;
  readonly dashboard?: string | undefined;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  readonly tests: readonly AlertTestCase[];
  readonly ignore?: Ignore | undefined;
  readonly source?: SourceLocation | undefined;
}

/** A recording rule: stores a query's result under a new name. */
export interface RecordingRule {
  readonly kind: 'record';
  /** `level:metric:operations`, e.g. `job:gateway_requests:rate5m`. */
  readonly name: string;
  readonly expr: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly ignore?: Ignore | undefined;
  readonly source?: SourceLocation | undefined;
}

export type Rule = AlertRule | RecordingRule;

export interface RuleGroup {
  readonly kind: 'rule-group';
  readonly name: string;
  /** Evaluation interval; the project's default when omitted. */
  readonly interval?: string | undefined;
  readonly limit?: number | undefined;
  readonly rules: readonly Rule[];
  /** Checks silenced for every rule of the group. */
  readonly ignore?: Ignore | undefined;
  readonly source?: SourceLocation | undefined;
}

function mapValues<L extends string>(record: Readonly<Record<string, Templated<L>>> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(record ?? {})) out[k] = renderTemplated(v);
  return out;
}

/**
 * An alerting rule. The label types of `expr` flow into the templates: only labels the
 * query keeps can be used in `description` and `labels`.
 * @example
 * alert({
 *   name: 'GatewayHighErrorRate',
 *   expr: errorRatio.gt(0.05),
 *   for: '5m',
 *   severity: 'page',
 *   summary: 'Gateway requests are failing with 5xx.',
 *   description: ({ value }) => `${value.humanizePercentage()} of requests returned 5xx over 5m.`,
 *   labels: { team: 'ai-platform' },
 * })
 */
export function alert<L extends string = string>(options: AlertOptions<L>): AlertRule {
  return {
    kind: 'alert',
    name: options.name,
    expr: String(options.expr),
    for: options.for,
    keepFiringFor: options.keepFiringFor,
    severity: options.severity,
    summary: options.summary,
    description: renderTemplated(options.description),
    runbook: options.runbook,
    dashboard: options.dashboard,
    labels: mapValues(options.labels),
    annotations: mapValues(options.annotations),
    tests: options.tests ?? [],
    ...keptIgnore(options.ignore),
    source: captureSource(),
  };
}

/**
 * A recording rule.
 * @example
 * record({ name: 'job:gateway_requests:rate5m', expr: sum(rate(m.requests, '5m')).by('job') })
 */
export function record(options: { name: string; expr: Vector<string> | string; labels?: Readonly<Record<string, string>>; ignore?: Ignore }): RecordingRule {
  return {
    kind: 'record',
    name: options.name,
    expr: String(options.expr),
    labels: { ...(options.labels ?? {}) },
    ...keptIgnore(options.ignore),
    source: captureSource(),
  };
}

/**
 * A group of rules evaluated together at one interval; each group becomes one entry of a
 * Prometheus rule file, and each definition module one file.
 */
export function ruleGroup(options: { name: string; interval?: Duration; limit?: number; rules: readonly Rule[]; ignore?: Ignore }): RuleGroup {
  return {
    kind: 'rule-group',
    name: options.name,
    interval: options.interval,
    limit: options.limit,
    rules: [...options.rules],
    ...keptIgnore(options.ignore),
    source: captureSource(),
  };
}
