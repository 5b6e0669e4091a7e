import { durationMs } from '../../library/duration.js';
import { healthyBehaviour, zeroBehaviour, type Behaviour, type Phase } from './behaviour.js';
import { alertsAt, runScenario, type AlertUnderTest } from './simulate.js';
import { SynthesisError, type SynthSeries } from './universe.js';

/**
 * Finding inputs for an alert's tests without knowing its formula: start from a healthy
 * baseline that keeps the alert quiet, then move one series (the driver) step by step until
 * the alert's condition holds, and narrow the step down to the threshold. The result is a
 * value just below and one just above the threshold, both proven by simulation.
 */

export interface Roles {
  universe: readonly SynthSeries[];
  /** For each series, its control twin (same labels but the control label), if any. */
  twins: ReadonlyMap<number, number>;
  /** Values of the control label that only control series carry. */
  controlValues: ReadonlySet<string>;
  controlLabel: string | undefined;
}

export interface Thresholds {
  baseline: Behaviour[];
  driver: number;
  /** The driver's behaviour just below the threshold (quiet) and just above it (fires). */
  quiet: Behaviour;
  fire: Behaviour;
  /** How long `fire` must last before the condition holds (longer than settling for "stale for 1h" alerts). */
  holdMs: number;
  /** When the scenarios switch from the baseline: windows filled, warm-up alerts resolved. */
  startMs: number;
}

/**
 * How long a frozen timestamp is held while searching: a "not updated for N" alert only
 * holds after N, so the search waits longer and longer, up to a week.
 */
const FROZEN_HOLDS_MS = [15, 60, 360, 1440, 4320, 10080].map((minutes) => minutes * 60_000);

/** Time after which every window of the query reads only the current phase. */
export function settleMs(aut: AlertUnderTest): number {
  const steps = Math.ceil((aut.lookbackMs + 2 * aut.evalIntervalMs) / aut.evalIntervalMs);
  return steps * aut.evalIntervalMs;
}

/**
 * Whether the alert's condition holds for a driven (non-control) series at any evaluation
 * after switching from `baseline` to `candidate`, until the switch has fully settled. Looking
 * at every step, not only the settled end, finds alerts that compare a short window with a
 * longer one (a spike against its own baseline), which hold only during the transition.
 */
export function conditionHolds(aut: AlertUnderTest, roles: Roles, baseline: readonly Behaviour[], candidate: readonly Behaviour[], startMs: number, holdMs = settleMs(aut)): boolean {
  const phases: Phase[] = [
    { startMs: 0, endMs: startMs, behaviours: baseline },
    { startMs, endMs: Infinity, behaviours: candidate },
  ];
  const until = startMs + Math.max(settleMs(aut), holdMs);
  const run = runScenario(aut, roles.universe, phases, until);
  return run.timeline.steps.some((step) => step.tMs >= startMs && alertsAt(aut, run, step.tMs).some((a) => !isControl(roles, a.labels)));
}

/**
 * The first evaluation from which the alert stays quiet under `baseline` alone, or undefined
 * if it never does. Input series start at t=0 with no history, so windows under-read at first:
 * an alert comparing a short window with a long one can fire during that warm-up. Scenarios
 * change phase only after it.
 */
export function quietFrom(aut: AlertUnderTest, roles: Roles, baseline: readonly Behaviour[]): number | undefined {
  const e = aut.evalIntervalMs;
  const settle = settleMs(aut);
  const until = 2 * settle + (aut.rule.keepFiringFor ? durationMs(aut.rule.keepFiringFor) : 0) + 2 * e;
  const run = runScenario(aut, roles.universe, [{ startMs: 0, endMs: Infinity, behaviours: baseline }], until);
  const active = run.timeline.steps.filter((st) => alertsAt(aut, run, st.tMs).length > 0).map((st) => st.tMs);
  const last = active.length ? Math.max(...active) : -e;
  if (last >= until - e) return undefined;
  return Math.max(settle, last + e);
}

export function isControl(roles: Roles, labels: Readonly<Record<string, string>>): boolean {
  if (!roles.controlLabel) return false;
  const v = labels[roles.controlLabel];
  return v !== undefined && roles.controlValues.has(v);
}

/** Applies `b` to series `i` and to its control twin, so both groups share one baseline. */
function assign(roles: Roles, behaviours: readonly Behaviour[], i: number, b: Behaviour, twinToo = true): Behaviour[] {
  const out = [...behaviours];
  out[i] = b;
  const twin = roles.twins.get(i);
  if (twinToo && twin !== undefined) out[twin] = b;
  return out;
}

/** A baseline with traffic everywhere, minus the fewest "bad" series needed to keep the alert quiet. */
export function findBaseline(aut: AlertUnderTest, roles: Roles): { baseline: Behaviour[]; zeroed: number[]; startMs: number } {
  const healthy = roles.universe.map(healthyBehaviour);
  const start = quietFrom(aut, roles, healthy);
  if (start !== undefined) return { baseline: healthy, zeroed: [], startMs: start };
  const driven = roles.universe.map((s, i) => (s.group === 0 ? i : -1)).filter((i) => i >= 0);
  for (const i of driven) {
    const candidate = assign(roles, healthy, i, zeroBehaviour(roles.universe[i]!));
    const from = quietFrom(aut, roles, candidate);
    if (from !== undefined) return { baseline: candidate, zeroed: [i], startMs: from };
  }
  throw new SynthesisError('no quiet baseline: the alert fires with every series at its healthy value and with any one of them switched off');
}

const DYADIC_LADDER = [0, 1 / 64, 1 / 16, 1 / 4, 1 / 2, 1, 2, 4, 16, 64, 256, 1024, 4096, 65536, 1048576];

/** Values to try for a driver, in increasing order; "not scraped at all" comes last. */
function ladder(s: SynthSeries, base: Behaviour): Behaviour[] {
  return [...levels(s, base), { kind: 'absent' }];
}

function levels(s: SynthSeries, base: Behaviour): Behaviour[] {
  if (s.timestamp) return [];
  if (s.kind === 'histogram') {
    const bounds = s.buckets ?? [];
    const rate = base.kind === 'histogram' && base.rate > 0 ? base.rate : 1;
    return [...bounds, (bounds[bounds.length - 1] ?? 1) * 2].map((value) => ({ kind: 'histogram', rate, value }));
  }
  if (s.kind === 'gauge' && s.states) return s.states.map((level) => ({ kind: 'gauge', level }));
  return DYADIC_LADDER.map((v) => (s.kind === 'counter' ? { kind: 'counter', rate: v } : { kind: 'gauge', level: v }));
}

function scalarOf(b: Behaviour): number | undefined {
  if (b.kind === 'counter') return b.rate;
  if (b.kind === 'gauge') return b.level;
  return undefined;
}

function withScalar(b: Behaviour, v: number): Behaviour {
  return b.kind === 'counter' ? { kind: 'counter', rate: v } : { kind: 'gauge', level: v };
}

function sameBehaviour(a: Behaviour, b: Behaviour): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Narrows [quiet, fire] towards the threshold: by integers while they are apart (a gauge
 * threshold such as `> 1000` ends at 1000 and 1001), then by halving, which keeps values
 * dyadic so every sample and rate stays exact in binary floating point.
 */
function refine(holds: (v: number) => boolean, quiet: number, fire: number): [number, number] {
  let q = quiet;
  let f = fire;
  const bisect = (m: number) => (holds(m) ? (f = m) : (q = m));
  while (Number.isInteger(q) && Number.isInteger(f) && Math.abs(f - q) > 1) bisect(Math.floor((q + f) / 2));
  // At an integer boundary (1000 / 1001), or a boundary at zero ("> 0"), the pair is already tight.
  const tight = () => (Number.isInteger(q) && Number.isInteger(f) && Math.abs(f - q) <= 1) || q === 0 || Math.abs(f - q) <= Math.abs(f) * 0.02;
  for (let i = 0; i < 16 && !tight(); i++) bisect((q + f) / 2);
  return [q, f];
}

/** Picks the driver series and the values just below and above the alert's threshold. */
export function findThresholds(aut: AlertUnderTest, roles: Roles): Thresholds {
  const { baseline, zeroed, startMs } = findBaseline(aut, roles);
  const order = [...zeroed, ...roles.universe.map((_, i) => i).filter((i) => roles.universe[i]!.group === 0 && !zeroed.includes(i))];
  for (const driver of order) {
    const s = roles.universe[driver]!;
    const base = baseline[driver]!;
    const candidate = (b: Behaviour) => assign(roles, baseline, driver, b, false);
    if (s.timestamp) {
      const frozen: Behaviour = { kind: 'timestamp', mode: 'frozen' };
      for (const holdMs of [settleMs(aut), ...FROZEN_HOLDS_MS]) {
        if (conditionHolds(aut, roles, baseline, candidate(frozen), startMs, holdMs)) return { baseline, driver, quiet: base, fire: frozen, holdMs, startMs };
      }
    }
    const holds = (b: Behaviour) => conditionHolds(aut, roles, baseline, candidate(b), startMs);
    const steps = ladder(s, base);
    const baseScalar = scalarOf(base);
    // Walk away from the baseline, upwards first, then downwards, then try removing the series.
    const absent = steps.filter((b) => b.kind === 'absent');
    const scaled = steps.filter((b) => b.kind !== 'absent');
    const up = scaled.filter((b) => (baseScalar === undefined ? true : (scalarOf(b) ?? 0) > baseScalar));
    const down = scaled.filter((b) => baseScalar !== undefined && (scalarOf(b) ?? 0) < baseScalar).reverse();
    for (const direction of [up, down, absent]) {
      let quiet: Behaviour = base;
      for (const step of direction) {
        if (sameBehaviour(step, base)) continue;
        if (!holds(step)) {
          quiet = step;
          continue;
        }
        const qs = scalarOf(quiet);
        const fs = scalarOf(step);
        if (qs !== undefined && fs !== undefined && !s.states) {
          const [q, f] = refine((v) => holds(withScalar(step, v)), qs, fs);
          return { baseline, driver, quiet: withScalar(step, q), fire: withScalar(step, f), holdMs: settleMs(aut), startMs };
        }
        return { baseline, driver, quiet, fire: step, holdMs: settleMs(aut), startMs };
      }
    }
  }
  throw new SynthesisError('no single series moves the alert from quiet to firing');
}
