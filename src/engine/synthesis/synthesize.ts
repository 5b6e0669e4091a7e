import { durationMs as durationOf, formatDuration } from '../../library/duration.js';
import { formatSeriesValues } from '../evaluator/index.js';
import type { Behaviour, Phase, SampledSeries } from './behaviour.js';
import { findThresholds, isControl, settleMs, type Roles, type Thresholds } from './search.js';
import { alertsAt, expectedFiring, runScenario, type AlertUnderTest, type ScenarioRun } from './simulate.js';
import { seriesSelector, type PromtoolAlertTest, type PromtoolTestGroup } from './promtoolTest.js';
import { SynthesisError, type SynthSeries } from './universe.js';

/**
 * Generated promtool tests for one alert, derived from its definition by simulation:
 *
 * 1. "fires": a healthy baseline, then the driver series just past the threshold, then healthy
 *    again. Asserts quiet at the end of the baseline, quiet one evaluation before the alert
 *    fires (so `for` is exact), firing with every label and rendered annotation at the
 *    moment it fires, still firing one evaluation before it resolves, and resolved after.
 * 2. "stays quiet": the driver just below the threshold for longer than the alert needs to
 *    fire; asserts nothing fires.
 *
 * A control copy of the series (another provider, say) stays healthy in both, so the tests
 * also prove the alert names the series that broke and no other.
 */
export function synthesizeAlertTests(aut: AlertUnderTest, roles: Roles): PromtoolTestGroup[] {
  const t = findThresholds(aut, roles);
  const fires = fireScenario(aut, roles, t);
  return [fires.group, quietScenario(aut, roles, t, fires.fireAt)];
}

function roundUp(ms: number, step: number): number {
  return Math.ceil(ms / step) * step;
}

function withDriver(t: Thresholds, b: Behaviour): Behaviour[] {
  const out = [...t.baseline];
  out[t.driver] = b;
  return out;
}

function forMs(aut: AlertUnderTest): number {
  return aut.rule.for ? durationOf(aut.rule.for) : 0;
}

function keepMs(aut: AlertUnderTest): number {
  return aut.rule.keepFiringFor ? durationOf(aut.rule.keepFiringFor) : 0;
}

function inputSeries(inputs: readonly SampledSeries[]) {
  return inputs.map((s) => ({ series: seriesSelector(s.labels), values: formatSeriesValues(s.values) }));
}

/** Seeds for the series orders a scenario is re-simulated under (promtool's order is random). */
const ORDER_SEEDS = [1, 2, 3];

/**
 * The checks at `times`, refusing any whose expectation changes with the order in which
 * series are summed: promtool would then pass or fail at random.
 */
function stableChecks(aut: AlertUnderTest, roles: Roles, phases: readonly Phase[], until: number, run: ScenarioRun, times: readonly number[]): PromtoolAlertTest[] {
  const checks = times.map((ts) => expectAt(aut, run, ts));
  for (const seed of ORDER_SEEDS) {
    const other = runScenario(aut, roles.universe, phases, until, seed);
    const again = times.map((ts) => expectAt(aut, other, ts));
    if (JSON.stringify(again) !== JSON.stringify(checks)) {
      throw new SynthesisError('the expected alerts depend on the order in which Prometheus sums series, so a test could pass or fail at random');
    }
  }
  return checks;
}

function expectAt(aut: AlertUnderTest, run: ScenarioRun, tMs: number): PromtoolAlertTest {
  return {
    eval_time: formatDuration(tMs),
    alertname: aut.rule.name,
    exp_alerts: expectedFiring(aut, run, tMs).map((a) => ({ exp_labels: a.labels, exp_annotations: a.annotations })),
  };
}

function firingAt(aut: AlertUnderTest, run: ScenarioRun, tMs: number, roles: Roles, control: boolean): boolean {
  return alertsAt(aut, run, tMs).some((a) => a.state === 'firing' && isControl(roles, a.labels) === control);
}

/** The series in a test's title: its metric and the labels that matter to the query. */
export function describeSeries(s: SynthSeries): string {
  const shown = Object.fromEntries(s.keyLabels.map((k) => [k, s.labels[k]!]));
  return seriesSelector({ __name__: s.metric, ...shown });
}

export function describeBehaviour(s: SynthSeries, b: Behaviour): string {
  switch (b.kind) {
    case 'counter':
      return `${b.rate}/s`;
    case 'gauge': {
      const state = s.stateNames?.[b.level];
      return state ? `${b.level} (${state})` : String(b.level);
    }
    case 'histogram':
      return b.rate === 0 ? 'no observations' : `observations at ${b.value}${s.metric.endsWith('_seconds') ? 's' : ''}`;
    case 'timestamp':
      return b.mode === 'frozen' ? 'no longer updated' : 'updated every scrape';
    case 'absent':
      return 'not scraped';
    case 'histogramMix':
      return b.parts.map((p) => `${p.rate}/s at ${p.value}`).join(' + ');
  }
}

function fireScenario(aut: AlertUnderTest, roles: Roles, t: Thresholds): { group: PromtoolTestGroup; fireAt: number } {
  const e = aut.evalIntervalMs;
  const settle = settleMs(aut);
  const start = t.startMs;
  const end = start + roundUp(Math.max(settle, t.holdMs) + forMs(aut) + 2 * e, e);
  const until = end + roundUp(settle + keepMs(aut) + 3 * e, e);
  const phases: Phase[] = [
    { startMs: 0, endMs: start, behaviours: t.baseline },
    { startMs: start, endMs: end, behaviours: withDriver(t, t.fire) },
    { startMs: end, endMs: Infinity, behaviours: t.baseline },
  ];
  const run = runScenario(aut, roles.universe, phases, until);
  const steps = run.timeline.steps.map((s) => s.tMs).filter((ts) => ts >= start);
  if (steps.some((ts) => firingAt(aut, run, ts, roles, true))) {
    throw new SynthesisError('the control series (left healthy) fired too: the alert does not keep the labels that tell series apart');
  }
  const fireAt = steps.find((ts) => ts >= start && firingAt(aut, run, ts, roles, false));
  if (fireAt === undefined) throw new SynthesisError('the alert did not fire in simulation even with its condition holding');
  const resolveAt = steps.find((ts) => ts > fireAt && !firingAt(aut, run, ts, roles, false));
  if (resolveAt === undefined) throw new SynthesisError('the alert did not resolve in simulation after the series recovered');
  const s = roles.universe[t.driver]!;
  const times = [start - e, fireAt - e, fireAt, resolveAt - e, resolveAt].filter((ts, i, all) => ts >= 0 && all.indexOf(ts) === i);
  const base = describeBehaviour(s, t.baseline[t.driver]!);
  const name =
    `${aut.rule.name} fires at ${formatDuration(fireAt)} when ${describeSeries(s)} goes from ${base} to ${describeBehaviour(s, t.fire)} ` +
    `at ${formatDuration(start)}, and resolves at ${formatDuration(resolveAt)} (back to ${base} at ${formatDuration(end)})`;
  const group: PromtoolTestGroup = {
    name,
    interval: formatDuration(aut.intervalMs),
    input_series: inputSeries(run.inputs),
    alert_rule_test: stableChecks(aut, roles, phases, until, run, times),
  };
  if (Object.keys(aut.externalLabels).length > 0) group.external_labels = { ...aut.externalLabels };
  return { group, fireAt };
}

function quietScenario(aut: AlertUnderTest, roles: Roles, t: Thresholds, fireAt: number): PromtoolTestGroup {
  // For "> 0" alerts the value just below the threshold is the healthy baseline itself.
  const atBaseline = JSON.stringify(t.baseline[t.driver]) === JSON.stringify(t.quiet);
  const e = aut.evalIntervalMs;
  const settle = settleMs(aut);
  const until = Math.max(fireAt, t.startMs + roundUp(settle + forMs(aut) + 2 * e, e));
  const phases: Phase[] = [
    { startMs: 0, endMs: t.startMs, behaviours: t.baseline },
    { startMs: t.startMs, endMs: Infinity, behaviours: withDriver(t, t.quiet) },
  ];
  const run = runScenario(aut, roles.universe, phases, until);
  const after = run.timeline.steps.filter((st) => st.tMs >= t.startMs);
  if (after.some((st) => firingAt(aut, run, st.tMs, roles, false) || firingAt(aut, run, st.tMs, roles, true))) {
    throw new SynthesisError('the alert fired in simulation with its driver just below the threshold');
  }
  const s = roles.universe[t.driver]!;
  const times = [...new Set([fireAt, until])].sort((a, b) => a - b);
  const group: PromtoolTestGroup = {
    name: `${aut.rule.name} stays quiet when ${describeSeries(s)} holds at ${describeBehaviour(s, t.quiet)}, ${atBaseline ? 'its healthy value' : 'just below the threshold'}`,
    interval: formatDuration(aut.intervalMs),
    input_series: inputSeries(run.inputs),
    alert_rule_test: stableChecks(aut, roles, phases, until, run, times),
  };
  if (Object.keys(aut.externalLabels).length > 0) group.external_labels = { ...aut.externalLabels };
  return group;
}
