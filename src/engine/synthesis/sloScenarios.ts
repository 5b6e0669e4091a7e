import { durationMs, formatDuration } from '../../library/duration.js';
import { evaluate, formatSeriesValues } from '../evaluator/index.js';
import { matchesLabel } from '../goregexp/index.js';
import type { LabelMatcher, VectorSelector } from '../../library/promql/ast.js';
import { ERROR_RATIO, SERVICE_LABEL, SLO_LABEL, windowName } from '../../library/slo/conventions.js';
import type { Behaviour, Phase } from './behaviour.js';
import { seriesSelector, type PromtoolAlertTest, type PromtoolExprTest, type PromtoolTestGroup } from './promtoolTest.js';
import { isControl, type Roles } from './search.js';
import { alertsAt, expectedFiring, runScenario, type AlertUnderTest, type ScenarioRun } from './simulate.js';
import type { TierUnderTest } from './job.js';
import { SynthesisError, type SynthSeries } from './universe.js';

/**
 * Promtool tests for an SLO's burn-rate tiers, built from what the SLO means rather than by
 * search (a 3-day window makes search far too slow):
 *
 * - the fastest tier: a full outage fires it within its detection time and not before, and it
 *   resets within its short window plus `for` once errors stop;
 * - every tier: a burn just above its factor fires it and none of the faster tiers, and the
 *   recorded ratios equal the burn;
 * - the slowest tier: a steady burn below its factor fires nothing over its whole long window.
 *
 * Expectations come from simulating Prometheus 2.42; the bounds above are checked at generate
 * time, so a mistake in the SLO rules stops generation instead of producing a test that agrees
 * with it.
 */
export function synthesizeSLOTests(aut: AlertUnderTest, roles: Roles, all: readonly TierUnderTest[], index: number): PromtoolTestGroup[] {
  const tier = all[index]!;
  const mix = eventMix(tier, roles.universe);
  const byFactor = [...all].sort((a, b) => b.factor - a.factor);
  const groups: PromtoolTestGroup[] = [];
  if (byFactor[0] === tier) groups.push(outage(aut, roles, tier, mix));
  groups.push(justAbove(aut, roles, tier, all, mix));
  if (byFactor[byFactor.length - 1] === tier) groups.push(justBelowSlowest(aut, roles, tier, mix));
  return groups;
}

/** How the SLI's series produce an error ratio r: behaviours for each series of the universe. */
type EventMix = (r: number) => Behaviour[];

/** Whether `sel` reads `s`: a counter by its name, a histogram by its `_count` series. */
function matchesSelector(sel: VectorSelector | undefined, s: SynthSeries): boolean {
  const name = s.kind === 'histogram' ? `${s.metric}_count` : s.metric;
  if (!sel || sel.name !== name) return false;
  return sel.matchers.every((m: LabelMatcher) => matchesLabel(m, s.labels[m.name] ?? ''));
}

/** `rate` events per second on a counter, or as observations of a histogram (Sloth's `_count` SLIs). */
function events(s: SynthSeries, rate: number): Behaviour {
  return s.kind === 'histogram' ? { kind: 'histogramMix', parts: [{ rate, value: s.buckets?.[0] ?? 0 }] } : { kind: 'counter', rate };
}

function eventMix(tier: TierUnderTest, universe: readonly SynthSeries[]): EventMix {
  const sli = tier.slo.sli;
  const driven = (i: number) => universe[i]!.group === 0;
  switch (sli.kind) {
    case 'ratio': {
      const isTotal = (s: SynthSeries) => matchesSelector(sli.total, s);
      const isBad = (s: SynthSeries) => (sli.errors ? matchesSelector(sli.errors, s) : isTotal(s) && !matchesSelector(sli.good, s));
      const bad = universe.filter((s, i) => driven(i) && isTotal(s) && isBad(s)).length;
      const good = universe.filter((s, i) => driven(i) && isTotal(s) && !isBad(s)).length;
      if (bad === 0 || good === 0) throw new SynthesisError('the SLI selectors leave no series for bad or for good events');
      return (r) =>
        universe.map((s, i): Behaviour => {
          const rr = driven(i) ? r : 0;
          if (!isTotal(s)) return events(s, 1);
          return events(s, isBad(s) ? rr / bad : (1 - rr) / good);
        });
    }
    case 'latency': {
      const buckets = universe.find((s) => s.kind === 'histogram')?.buckets ?? [];
      const fast = buckets[0] ?? 0;
      const slow = buckets.find((b) => b > sli.threshold) ?? sli.threshold * 2;
      return (r) =>
        universe.map((s, i): Behaviour => {
          if (s.kind !== 'histogram') return { kind: 'counter', rate: 1 };
          const rr = driven(i) ? r : 0;
          return { kind: 'histogramMix', parts: [{ rate: 1 - rr, value: fast }, { rate: rr, value: slow }] };
        });
    }
    case 'availability':
      // A steady fraction of down time, as the average of many targets would show it: a single
      // 0/1 target can only be down in whole scrapes, which makes short windows spike.
      return (r) => universe.map((s, i): Behaviour => ({ kind: 'gauge', level: 1 - (driven(i) ? r : 0) }));
    case 'raw':
      throw new SynthesisError('raw SLIs have no known series to drive; add hand-written tests');
  }
}

function roundUp(ms: number, step: number): number {
  return Math.ceil(ms / step) * step;
}

function inputSeries(run: ScenarioRun) {
  return run.inputs.map((s) => ({ series: seriesSelector(s.labels), values: formatSeriesValues(s.values) }));
}

function check(aut: AlertUnderTest, run: ScenarioRun, tMs: number): PromtoolAlertTest {
  return {
    eval_time: formatDuration(tMs),
    alertname: aut.rule.name,
    exp_alerts: expectedFiring(aut, run, tMs).map((a) => ({ exp_labels: a.labels, exp_annotations: a.annotations })),
  };
}

function firingTiers(aut: AlertUnderTest, run: ScenarioRun, tMs: number, roles: Roles): string[] {
  return alertsAt(aut, run, tMs)
    .filter((a) => a.state === 'firing' && !isControl(roles, a.labels))
    .map((a) => a.labels.tier ?? '')
    .sort();
}

function group(aut: AlertUnderTest, name: string, run: ScenarioRun, checks: PromtoolAlertTest[], exprs: PromtoolExprTest[] = []): PromtoolTestGroup {
  const g: PromtoolTestGroup = { name, interval: formatDuration(aut.intervalMs), input_series: inputSeries(run), alert_rule_test: checks };
  if (exprs.length) g.promql_expr_test = exprs;
  if (Object.keys(aut.externalLabels).length > 0) g.external_labels = { ...aut.externalLabels };
  return g;
}

function percent(r: number): string {
  return `${Number((r * 100).toPrecision(4))}%`;
}

/** A full outage after a healthy hour: the fastest tier fires in time, then resets. */
function outage(aut: AlertUnderTest, roles: Roles, tier: TierUnderTest, mix: EventMix): PromtoolTestGroup {
  const e = aut.evalIntervalMs;
  const long = durationMs(tier.longWindow);
  const short = durationMs(tier.shortWindow);
  const forMs = durationMs(tier.for);
  const start = roundUp(long, e);
  // The long window's ratio reaches the threshold after long × threshold of full outage.
  const detection = roundUp(long * tier.threshold + durationMs('5m') + forMs + 2 * e, e);
  const stop = start + detection + 2 * e;
  const until = stop + roundUp(short + forMs + durationMs('5m') + 2 * e, e);
  const phases: Phase[] = [
    { startMs: 0, endMs: start, behaviours: mix(0) },
    { startMs: start, endMs: stop, behaviours: mix(1) },
    { startMs: stop, endMs: Infinity, behaviours: mix(0) },
  ];
  const run = runScenario(aut, roles.universe, phases, until);
  const steps = run.timeline.steps.map((s) => s.tMs);
  const fires = steps.find((t) => t >= start && firingTiers(aut, run, t, roles).includes(tier.longWindow));
  if (fires === undefined || fires - start > detection) {
    throw new SynthesisError(`a full outage did not fire tier ${tier.longWindow} within ${formatDuration(detection)}`);
  }
  const resets = steps.find((t) => t > stop && !firingTiers(aut, run, t, roles).includes(tier.longWindow));
  if (resets === undefined || resets - stop > short + forMs + durationMs('5m') + e) {
    throw new SynthesisError(`tier ${tier.longWindow} did not reset within its short window and for after the outage ended`);
  }
  const checks = [start - e, fires - e, fires, resets - e, resets].map((t) => check(aut, run, t));
  const name =
    `${aut.rule.name} (${tier.slo.name}): a full outage from ${formatDuration(start)} fires tier ${tier.longWindow} at ${formatDuration(fires)} ` +
    `(within ${formatDuration(detection)}), and it resets at ${formatDuration(resets)} after errors stop at ${formatDuration(stop)}`;
  return group(aut, name, run, checks);
}

/**
 * A burn 10% above the tier's threshold from the first scrape: this tier fires once its `for`
 * has passed, no faster tier ever does, and every recorded window's ratio equals the burn.
 * Starting the burn with the series (rather than after a healthy long window) keeps a 3-day
 * tier's test to hours of simulated time; the window lengths themselves are covered by the
 * outage test and by the recorded-ratio checks.
 */
function justAbove(aut: AlertUnderTest, roles: Roles, tier: TierUnderTest, all: readonly TierUnderTest[], mix: EventMix): PromtoolTestGroup {
  const e = aut.evalIntervalMs;
  const short = durationMs(tier.shortWindow);
  const forMs = durationMs(tier.for);
  const r = Math.min(1, tier.threshold * 1.1);
  const until = roundUp(Math.max(short, forMs) + forMs + durationMs('5m') + 2 * e, e);
  const run = runScenario(aut, roles.universe, [{ startMs: 0, endMs: Infinity, behaviours: mix(r) }], until);
  const faster: string[] = all.filter((t) => t.threshold > r).map((t) => t.longWindow);
  for (const step of run.timeline.steps) {
    const firing = firingTiers(aut, run, step.tMs, roles);
    const wrong = firing.filter((t) => faster.includes(t));
    if (wrong.length) throw new SynthesisError(`a burn just above tier ${tier.longWindow} fired the faster tier ${wrong[0]}`);
  }
  const steps = run.timeline.steps.map((s) => s.tMs);
  const fires = steps.find((t) => firingTiers(aut, run, t, roles).includes(tier.longWindow));
  if (fires === undefined) throw new SynthesisError(`a burn at ${percent(r)} (1.1 × the threshold) never fired tier ${tier.longWindow}`);
  if (fires < forMs) throw new SynthesisError(`tier ${tier.longWindow} fired at ${formatDuration(fires)}, before its for of ${tier.for}`);
  const exprs = recordedRatios(aut, run, tier, until, r);
  const checks = [...new Set([fires - e, fires, until])].map((t) => check(aut, run, t));
  const name =
    `${aut.rule.name} (${tier.slo.name}): a steady burn of ${percent(r)}, just above tier ${tier.longWindow}'s ${percent(tier.threshold)}, ` +
    `fires it at ${formatDuration(fires)} and no faster tier; every recorded ratio equals the burn`;
  return group(aut, name, run, checks, exprs);
}

/**
 * A steady burn 10% below the slowest tier's factor: nothing fires over its whole long window.
 * The test asserts no alert at a checkpoint every 6 hours, and an alert can only be firing
 * where its condition holds, so the simulation only evaluates the alerts (and the windows
 * they read) at the checkpoints and proves no tier's condition holds there: days of every
 * window recorded at every step cost ten times more and decided nothing the test asserts.
 */
function justBelowSlowest(aut: AlertUnderTest, roles: Roles, tier: TierUnderTest, mix: EventMix): PromtoolTestGroup {
  const e = aut.evalIntervalMs;
  const long = durationMs(tier.longWindow);
  const r = tier.threshold * 0.9;
  const until = roundUp(long + durationMs(tier.for) + durationMs('5m') + 2 * e, e);
  const checkpoints = Math.max(1, Math.round(long / durationMs('6h')));
  const times = [...new Set(Array.from({ length: checkpoints + 1 }, (_, i) => roundUp((until * i) / checkpoints, e)).filter((t) => t > 0 && t <= until))];
  const run = runScenario(aut, roles.universe, [{ startMs: 0, endMs: Infinity, behaviours: mix(r) }], until, undefined, new Set(times));
  if (times.some((t) => alertsAt(aut, run, t).some((a) => !isControl(roles, a.labels)))) {
    throw new SynthesisError(`a steady burn at ${percent(r)}, below every tier, fired an alert`);
  }
  const name = `${aut.rule.name} (${tier.slo.name}): a steady burn of ${percent(r)}, just below the slowest tier's ${percent(tier.threshold)}, fires nothing for ${formatDuration(until)}`;
  return group(aut, name, run, times.map((t) => check(aut, run, t)));
}

/**
 * promql_expr_tests that every recorded window's ratio, up to the SLO's period, equals a
 * burn that has been steady since the first scrape: proof that the recording rules compute
 * what they claim.
 */
function recordedRatios(aut: AlertUnderTest, run: ScenarioRun, tier: TierUnderTest, at: number, r: number): PromtoolExprTest[] {
  const out: PromtoolExprTest[] = [];
  const own: LabelMatcher[] = [
    { name: SLO_LABEL, op: '=', value: tier.slo.name },
    { name: SERVICE_LABEL, op: '=', value: tier.slo.service },
  ];
  for (const metric of recordedRatioNames(aut)) {
    const expr = `${metric}{${SLO_LABEL}="${tier.slo.name}", ${SERVICE_LABEL}="${tier.slo.service}"}`;
    const result = evaluate({ type: 'vector', name: metric, matchers: own }, at, run.storage.until(at));
    if (result.type !== 'vector' || result.samples.length === 0) throw new SynthesisError(`${metric} recorded nothing under a steady burn`);
    const driven = result.samples.filter((s) => Math.abs(s.value - r) <= r * 1e-9);
    if (driven.length === 0) throw new SynthesisError(`the recorded ${metric} is ${result.samples[0]!.value}, not the burn of ${r}`);
    out.push({ expr, eval_time: formatDuration(at), exp_samples: result.samples.map((s) => ({ labels: seriesSelector(s.labels), value: s.value })) });
  }
  return out;
}

/** The SLO's error-ratio series among the rules simulated, shortest window first. */
function recordedRatioNames(aut: AlertUnderTest): string[] {
  const prefix = ERROR_RATIO('');
  const names = aut.groups.flatMap((g) => g.rules.flatMap((r) => (r.kind === 'record' && r.record.startsWith(prefix) ? [r.record] : [])));
  return [...new Set(names)].sort((a, b) => durationMs(a.slice(prefix.length)) - durationMs(b.slice(prefix.length)));
}
