import type { AlertRule } from '../../library/alerts/define.js';
import { evaluate, MemoryStorage, simulateRules, type SimAlert, type SimAlertingRule, type SimGroup, type SimTimeline } from '../evaluator/index.js';
import type { Expr } from '../../library/promql/ast.js';
import { expandAlertAnnotation } from '../gotemplate/index.js';
import { sampleSeries, type Phase, type SampledSeries } from './behaviour.js';
import type { SynthSeries } from './universe.js';

/** One alerting rule as promtool sees it. */
export interface AlertMember {
  rule: AlertRule;
  expr: Expr;
  /** Rule labels as compiled (severity included), possibly templated. */
  labels: Readonly<Record<string, string>>;
  /** Annotations as compiled (summary, description, runbook_url, ...), possibly templated. */
  annotations: Readonly<Record<string, string>>;
}

/** One alert and everything needed to simulate it exactly as promtool will. */
export interface AlertUnderTest extends AlertMember {
  /**
   * Every alerting rule of the project with this alert's name, this one included (an SLO's
   * tiers, warning and critical variants): promtool compares all their alerts together. Each
   * `sim` is the rule as placed in `groups`.
   */
  members: Array<AlertMember & { sim: SimAlertingRule }>;
  /** Groups to evaluate, in order: recording-rule dependencies first, the alert's group last. */
  groups: SimGroup[];
  externalLabels: Readonly<Record<string, string>>;
  /** Interval between input samples (the scrape interval). */
  intervalMs: number;
  /** Rule evaluation interval (the alert's group interval). */
  evalIntervalMs: number;
  /** How far back the alert's query reads, recording rules included. */
  lookbackMs: number;
}

export interface ScenarioRun {
  inputs: SampledSeries[];
  timeline: SimTimeline;
  storage: MemoryStorage;
}

/** Renders a template as promtool 2.42 would for this alert (no external URL in promtool). */
export function expand(aut: AlertUnderTest, text: string, labels: Record<string, string>, value: number): string {
  const r = expandAlertAnnotation(text, { labels, value, externalLabels: { ...aut.externalLabels }, externalURL: '' }, aut.rule.name, 'promtool');
  if (!r.ok) throw new TemplateRenderError(r.message);
  return r.text;
}

export class TemplateRenderError extends Error {}

/** The rule labels of `member` (the alert under test by default) for one result sample, templates expanded. */
export function renderedLabels(aut: AlertUnderTest, sampleLabels: Record<string, string>, value: number, member: AlertMember = aut): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(member.labels)) out[k] = v.includes('{{') ? expand(aut, v, sampleLabels, value) : v;
  return out;
}

/**
 * Samples the universe's behaviours and runs every rule group up to `untilMs`. promtool 2.42
 * iterates series in a random order, so `seriesOrderSeed` lets callers check that a result
 * does not depend on it. With `probeAt`, rules are evaluated in full only at those times
 * (SimOptions.probeAt).
 */
export function runScenario(aut: AlertUnderTest, universe: readonly SynthSeries[], phases: readonly Phase[], untilMs: number, seriesOrderSeed?: number, probeAt?: ReadonlySet<number>): ScenarioRun {
  const inputs = sampleSeries(universe, phases, aut.intervalMs, untilMs);
  const storage = MemoryStorage.fromInputs(aut.intervalMs, inputs);
  const options = { evaluationIntervalMs: aut.evalIntervalMs, untilMs, ...(seriesOrderSeed === undefined ? {} : { seriesOrderSeed }), ...(probeAt ? { probeAt } : {}) };
  const timeline = simulateRules(aut.groups, storage, options);
  return { inputs, timeline, storage };
}

/** The alert's instances at evaluation time `tMs` (pending and firing). */
export function alertsAt(aut: AlertUnderTest, run: ScenarioRun, tMs: number): SimAlert[] {
  const step = run.timeline.steps[Math.round(tMs / aut.evalIntervalMs)];
  return step?.rules.filter((r) => r.kind === 'alert' && r.name === aut.rule.name).flatMap((r) => r.alerts) ?? [];
}

/** An expected alert as promtool compares it: every label and every rendered annotation. */
export interface ExpectedAlertValue {
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

/**
 * What promtool reports as firing at `tMs`, with annotations rendered from the value the
 * simulation computed. The template's `$labels` are the labels of the query's result sample,
 * found by evaluating the query at that moment (a kept-firing alert keeps its last ones).
 */
export function expectedFiring(aut: AlertUnderTest, run: ScenarioRun, tMs: number): ExpectedAlertValue[] {
  const step = run.timeline.steps[Math.round(tMs / aut.evalIntervalMs)];
  const out: ExpectedAlertValue[] = [];
  for (const entry of step?.rules ?? []) {
    if (entry.kind !== 'alert' || entry.name !== aut.rule.name) continue;
    const member = aut.members.find((m) => m.sim === entry.rule) ?? aut;
    const firing = entry.alerts.filter((a) => a.state === 'firing');
    if (firing.length === 0) continue;
    const result = evaluate(member.expr, tMs, run.storage.until(tMs));
    const samples = result.type === 'vector' ? result.samples : [];
    for (const a of firing) {
      const sample = samples.find((s) => sameAlert(aut, member, s.labels, s.value, a.labels));
      const sampleLabels = sample ? sample.labels : withoutRuleLabels(member, a.labels);
      const { alertname: _alertname, ...labels } = a.labels;
      const annotations: Record<string, string> = {};
      for (const [k, text] of Object.entries(member.annotations)) annotations[k] = expand(aut, text, sampleLabels, a.value);
      out.push({ labels: sortedRecord(labels), annotations: sortedRecord(annotations) });
    }
  }
  return out;
}

function sameAlert(aut: AlertUnderTest, member: AlertMember, sampleLabels: Record<string, string>, value: number, alertLabels: Record<string, string>): boolean {
  const { __name__: _name, ...rest } = sampleLabels;
  const expected = { ...rest, ...renderedLabels(aut, sampleLabels, value, member), alertname: aut.rule.name };
  const keys = new Set([...Object.keys(expected), ...Object.keys(alertLabels)]);
  return [...keys].every((k) => expected[k as keyof typeof expected] === alertLabels[k]);
}

function withoutRuleLabels(member: AlertMember, labels: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(labels)) if (k !== 'alertname' && !(k in member.labels)) out[k] = v;
  return out;
}

function sortedRecord(r: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
