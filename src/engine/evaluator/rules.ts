import type { Expr } from '../../library/promql/ast.js';
import { EvaluationError } from './errors.js';
import { evaluateValue, type ResultSample } from './instant.js';
import { AlertingState } from './alertingRule.js';
import { toRecord } from './labelSet.js';
import { rulesNeededEveryStep } from './probes.js';
import { RecordedLabels, RuleOutput, type Written } from './ruleOutput.js';
import type { MemoryStorage } from './storage.js';
import type { Sample } from './values.js';
import type { AlertState, SimAlert, SimAlertingRule, SimRecordingRule, SimRule } from './simRules.js';

/**
 * What `promtool test rules` does between loading the input series and checking
 * `alert_rule_test`s: every group evaluated at 0, interval, 2×interval, … up to the last
 * eval_time, rules in order, recording rules writing into the same storage (later rules see
 * the result in the same cycle), alerting rules running Prometheus 2.42's state machine and
 * writing ALERTS / ALERTS_FOR_STATE, and series that a rule stops returning marked stale.
 */

export interface SimGroup {
  name: string;
  rules: readonly SimRule[];
}

export interface SimOptions {
  evaluationIntervalMs: number;
  /** Last evaluation time, inclusive: promtool evaluates up to the largest eval_time. */
  untilMs: number;
  lookbackMs?: number;
  /** Defaults to the evaluation interval, as promtool sets it. */
  subqueryStepMs?: number;
  /**
   * Series order seed (see MemoryStorage.withSeriesOrder). promtool's order is random per
   * run; simulating under two seeds and comparing shows whether a timeline is reproducible.
   */
  seriesOrderSeed?: number;
  /**
   * Evaluate every rule only at these times; at other steps, only the rules whose output is
   * read over a range or before they run (rulesNeededEveryStep). What the probed steps show
   * equals a full simulation for recording rules. Alerting rules are evaluated at each probe
   * as if for the first time: their alerts there say whether the condition holds (pending,
   * or firing without `for`), not how long it has.
   */
  probeAt?: ReadonlySet<number>;
}

export interface SimRuleStep {
  group: string;
  /** The rule evaluated, as passed in (rules of one name are told apart by it). */
  rule: SimRule;
  kind: 'record' | 'alert';
  /** Record name or alert name. */
  name: string;
  /** Alerts Prometheus reports as active (pending or firing, not resolved). Alerting rules only. */
  alerts: SimAlert[];
  /** Samples the rule wrote at this step (recorded series, or ALERTS and ALERTS_FOR_STATE). */
  samples: ResultSample[];
}

export interface SimStep {
  tMs: number;
  rules: SimRuleStep[];
}

export interface SimTimeline {
  evaluationIntervalMs: number;
  steps: SimStep[];
}

/**
 * Runs the groups from t=0 to `untilMs` and appends every rule output to `storage`, so
 * expression tests evaluated afterwards see what promtool's would.
 *
 * @example
 * ```ts
 * const timeline = simulateRules([{ name: 'g', rules: [{ kind: 'alert', alert: 'Down', expr, forMs: 120_000 }] }], storage, {
 *   evaluationIntervalMs: 60_000,
 *   untilMs: 600_000,
 * });
 * firingAlertsAt(timeline, 'Down', 300_000); // the alerts promtool compares at eval_time 5m
 * ```
 * @throws EvaluationError when a rule fails at some step (promtool stops the test there too).
 */
export function simulateRules(groups: readonly SimGroup[], storage: MemoryStorage, opts: SimOptions): SimTimeline {
  // State belongs to the rule object: one listed twice shares its alerts and what it last wrote.
  const perRule = new Map<SimRule, { state: AlertingState | RecordedLabels; output: RuleOutput }>();
  const rules = groups.flatMap((group) =>
    group.rules.map((rule) => {
      let shared = perRule.get(rule);
      if (!shared) {
        shared = { state: rule.kind === 'alert' ? new AlertingState(rule) : new RecordedLabels(rule), output: new RuleOutput() };
        perRule.set(rule, shared);
      }
      return { group: group.name, rule, name: rule.kind === 'record' ? rule.record : rule.alert, ...shared };
    }),
  );
  const steps: SimStep[] = [];
  const evalOpts = { lookbackMs: opts.lookbackMs, subqueryStepMs: opts.subqueryStepMs ?? opts.evaluationIntervalMs };
  const everyStep = opts.probeAt ? rulesNeededEveryStep(rules.map((r) => r.rule)) : undefined;
  for (let ts = 0; ts <= opts.untilMs; ts += opts.evaluationIntervalMs) {
    const view = storage.withSeriesOrder(opts.seriesOrderSeed ?? storage.orderSeed).until(ts);
    const step: SimStep = { tMs: ts, rules: [] };
    const probed = !opts.probeAt || opts.probeAt.has(ts);
    for (const entry of rules) {
      const { group, rule, name, output } = entry;
      if (!probed && !everyStep!.has(rule)) continue;
      // A probed alerting rule starts afresh at each probe: its state would need every step.
      if (everyStep && !everyStep.has(rule) && rule.kind === 'alert') entry.state = new AlertingState(rule);
      const state = entry.state;
      let written: Written[];
      try {
        const result = queryRule(rule.expr, ts, view, evalOpts);
        written = state instanceof AlertingState ? state.eval(result, ts) : state.samples(result);
        output.write(view, ts, written);
      } catch (e) {
        if (e instanceof EvaluationError) throw new EvaluationError(`rule: ${name}, time: ${ts}ms, err: ${e.message}`);
        throw e;
      }
      step.rules.push(new RuleStep(group, rule, name, state instanceof AlertingState ? state.snapshot() : [], written));
    }
    steps.push(step);
  }
  return { evaluationIntervalMs: opts.evaluationIntervalMs, steps };
}

/**
 * A step's entry for one rule. Its samples become records only when read: nothing in
 * lookout reads them while synthesizing tests, and converting every written sample at
 * every step was a large share of the simulation's allocations.
 */
class RuleStep implements SimRuleStep {
  readonly kind: 'record' | 'alert';
  readonly #written: readonly Written[];
  #samples: ResultSample[] | undefined;

  constructor(
    readonly group: string,
    readonly rule: SimRule,
    readonly name: string,
    readonly alerts: SimAlert[],
    written: readonly Written[],
  ) {
    this.kind = rule.kind;
    this.#written = written;
  }

  get samples(): ResultSample[] {
    return (this.#samples ??= this.#written.map((s) => ({ labels: toRecord(s.labels), value: s.value })));
  }
}

/** rules.EngineQueryFunc: a scalar becomes one sample without labels; a string is an error. */
function queryRule(expr: Expr, ts: number, storage: MemoryStorage, opts: { lookbackMs?: number; subqueryStepMs: number }): Sample[] {
  const result = evaluateValue(expr, ts, storage, opts);
  if (result.kind === 'vector') return result.samples;
  if (result.kind === 'scalar') return [{ labels: [], value: result.value }];
  throw new EvaluationError('rule result is not a vector or scalar');
}

/**
 * The step promtool compares an `alert_rule_test` against: the last evaluation at or
 * before eval_time (ts <= eval_time < ts + evaluation_interval).
 */
export function stepAt(timeline: SimTimeline, evalTimeMs: number): SimStep | undefined {
  const index = Math.floor(evalTimeMs / timeline.evaluationIntervalMs);
  return timeline.steps[index];
}

/** The alerts promtool sees as firing for `alertname` at eval_time, across all groups. */
export function firingAlertsAt(timeline: SimTimeline, alertname: string, evalTimeMs: number): SimAlert[] {
  const step = stepAt(timeline, evalTimeMs);
  if (!step) throw new EvaluationError(`no evaluation covers eval_time ${evalTimeMs}ms`);
  return step.rules.filter((r) => r.kind === 'alert' && r.name === alertname).flatMap((r) => r.alerts.filter((a) => a.state === 'firing'));
}

/**
 * The last input sample time promtool has loaded when it runs `promql_expr_test`s: it loads
 * samples lazily up to each evaluation step, and the last step is the largest multiple of
 * the evaluation interval not after the largest eval_time in the test group.
 */
export function promtoolLoadedUntil(maxEvalTimeMs: number, evaluationIntervalMs: number): number {
  return Math.floor(maxEvalTimeMs / evaluationIntervalMs) * evaluationIntervalMs;
}
