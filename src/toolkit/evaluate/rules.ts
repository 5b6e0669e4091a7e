import type { Expr } from '../promql/ast.js';
import { EvaluationError } from './errors.js';
import { evaluateValue, type ResultSample } from './instant.js';
import { compareLabels, dropMetricName, fromRecord, labelsKey, METRIC_NAME, setLabels, toRecord, type Labels } from './labelSet.js';
import type { MemoryStorage, StoredSeries } from './storage.js';
import type { Sample } from './values.js';

/**
 * What `promtool test rules` does between loading the input series and checking
 * `alert_rule_test`s: every group evaluated at 0, interval, 2×interval, … up to the last
 * eval_time, rules in order, recording rules writing into the same storage (later rules see
 * the result in the same cycle), alerting rules running Prometheus 2.42's state machine and
 * writing ALERTS / ALERTS_FOR_STATE, and series that a rule stops returning marked stale.
 */

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
}

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

/** ActiveAt of a resolved alert is forgotten 15 minutes after resolution. */
const RESOLVED_RETENTION_MS = 15 * 60_000;

interface AlertInstance {
  labels: Labels;
  state: AlertState;
  value: number;
  activeAt: number;
  firedAt?: number;
  resolvedAt?: number;
  keepFiringSince?: number;
  /** The labels of its ALERTS series per state and of its ALERTS_FOR_STATE series, built once. */
  seriesLabels?: { alerts: Map<AlertState, Labels>; forState: Labels };
}

/** A sample a rule writes: a recorded series, or ALERTS and ALERTS_FOR_STATE. */
interface Written {
  labels: Labels;
  value: number;
}

class AlertingState {
  readonly active = new Map<string, AlertInstance>();

  constructor(readonly rule: SimAlertingRule) {}

  /** AlertingRule.Eval: returns the ALERTS and ALERTS_FOR_STATE samples. */
  eval(result: readonly Sample[], ts: number): Written[] {
    const rule = this.rule;
    const fresh = new Map<string, AlertInstance>();
    for (const sample of result) {
      const extra = rule.renderLabels ? rule.renderLabels(toRecord(sample.labels), sample.value) : (rule.labels ?? {});
      let labels = setLabels(dropMetricName(sample.labels), extra);
      labels = setLabels(labels, { alertname: rule.alert });
      const key = labelsKey(labels);
      if (fresh.has(key)) throw new EvaluationError('vector contains metrics with the same labelset after applying alert labels');
      fresh.set(key, { labels, state: 'pending', value: sample.value, activeAt: ts });
    }
    for (const [key, alert] of fresh) {
      const existing = this.active.get(key);
      if (existing && existing.state !== 'inactive') {
        existing.value = alert.value;
        continue;
      }
      this.active.set(key, alert);
    }
    const out: Written[] = [];
    const hold = rule.forMs ?? 0;
    const keepFiringFor = rule.keepFiringForMs ?? 0;
    for (const [key, a] of [...this.active]) {
      if (!fresh.has(key)) {
        let keepFiring = false;
        if (a.state === 'firing' && keepFiringFor > 0) {
          a.keepFiringSince ??= ts;
          if (ts - a.keepFiringSince < keepFiringFor) keepFiring = true;
        }
        if (a.state === 'pending' || (a.resolvedAt !== undefined && ts - a.resolvedAt > RESOLVED_RETENTION_MS)) {
          this.active.delete(key);
        }
        if (a.state !== 'inactive' && !keepFiring) {
          a.state = 'inactive';
          a.resolvedAt = ts;
        }
        if (!keepFiring) continue;
      } else {
        a.keepFiringSince = undefined;
      }
      if (a.state === 'pending' && ts - a.activeAt >= hold) {
        a.state = 'firing';
        a.firedAt = ts;
      }
      const labels = this.seriesLabels(a);
      let alerts = labels.alerts.get(a.state);
      if (!alerts) labels.alerts.set(a.state, (alerts = setLabels(labels.forState, { [METRIC_NAME]: 'ALERTS', alertstate: a.state })));
      out.push({ labels: alerts, value: 1 });
      out.push({ labels: labels.forState, value: Math.floor(a.activeAt / 1000) });
    }
    return out;
  }

  /** An alert's labels never change, so neither do its series' labels: built once per alert. */
  private seriesLabels(a: AlertInstance): NonNullable<AlertInstance['seriesLabels']> {
    if (!a.seriesLabels) {
      // ALERTS starts from the unexpanded rule labels, then the alert's own labels win.
      const base = setLabels(fromRecord(this.rule.labels ?? {}), Object.fromEntries(a.labels));
      a.seriesLabels = { alerts: new Map(), forState: setLabels(base, { [METRIC_NAME]: 'ALERTS_FOR_STATE', alertname: this.rule.alert }) };
    }
    return a.seriesLabels;
  }

  /** ActiveAlerts(): everything not resolved, sorted by labels for stable output. */
  snapshot(): SimAlert[] {
    if (this.active.size === 0) return [];
    return [...this.active.values()]
      .filter((a) => a.resolvedAt === undefined)
      .sort((x, y) => compareLabels(x.labels, y.labels))
      .map((a) => ({
        labels: toRecord(a.labels),
        state: a.state,
        value: a.value,
        activeAtMs: a.activeAt,
        ...(a.firedAt !== undefined ? { firedAtMs: a.firedAt } : {}),
        ...(a.keepFiringSince !== undefined ? { keepFiringSinceMs: a.keepFiringSince } : {}),
      }));
  }
}

function recordedSamples(rule: SimRecordingRule, result: readonly Sample[]): Written[] {
  const out = result.map((s) => ({
    labels: setLabels(setLabels(s.labels, { [METRIC_NAME]: rule.record }), rule.labels ?? {}),
    value: s.value,
  }));
  if (out.length < 2) return out;
  const seen = new Set<string>();
  for (const s of out) {
    const key = labelsKey(s.labels);
    if (seen.has(key)) throw new EvaluationError('vector contains metrics with the same labelset after applying rule labels');
    seen.add(key);
  }
  return out;
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
  const states = new Map<SimRule, AlertingState>();
  /** The series each rule wrote at its last evaluation: those it does not write again go stale. */
  const previous = new Map<SimRule, Set<StoredSeries>>();
  const steps: SimStep[] = [];
  const evalOpts = { lookbackMs: opts.lookbackMs, subqueryStepMs: opts.subqueryStepMs ?? opts.evaluationIntervalMs };
  for (let ts = 0; ts <= opts.untilMs; ts += opts.evaluationIntervalMs) {
    const view = storage.withSeriesOrder(opts.seriesOrderSeed ?? storage.orderSeed).until(ts);
    const step: SimStep = { tMs: ts, rules: [] };
    for (const group of groups) {
      for (const rule of group.rules) {
        const name = rule.kind === 'record' ? rule.record : rule.alert;
        let written: Written[];
        const returned = new Set<StoredSeries>();
        try {
          const result = queryRule(rule.expr, ts, view, evalOpts);
          if (rule.kind === 'record') written = recordedSamples(rule, result);
          else {
            let state = states.get(rule);
            if (!state) states.set(rule, (state = new AlertingState(rule)));
            written = state.eval(result, ts);
          }
          for (const s of written) returned.add(view.append(s.labels, ts, s.value));
        } catch (e) {
          if (e instanceof EvaluationError) throw new EvaluationError(`rule: ${name}, time: ${ts}ms, err: ${e.message}`);
          throw e;
        }
        for (const series of previous.get(rule) ?? []) if (!returned.has(series)) view.appendTo(series, ts, 'stale');
        previous.set(rule, returned);
        step.rules.push(ruleStep(group.name, rule, name, rule.kind === 'alert' ? states.get(rule)!.snapshot() : [], written));
      }
    }
    steps.push(step);
  }
  return { evaluationIntervalMs: opts.evaluationIntervalMs, steps };
}

/** A step's entry for one rule; its samples become records only if someone reads them. */
function ruleStep(group: string, rule: SimRule, name: string, alerts: SimAlert[], written: readonly Written[]): SimRuleStep {
  let samples: ResultSample[] | undefined;
  return {
    group,
    rule,
    kind: rule.kind,
    name,
    alerts,
    get samples() {
      return (samples ??= written.map((s) => ({ labels: toRecord(s.labels), value: s.value })));
    },
  };
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
