import type { AlertRule } from '../../library/alerts/define.js';
import type { AlertTestCase } from '../../library/alerts/testCase.js';
import { EvaluationError, UnsupportedError, type SimAlertingRule, type SimGroup } from '../evaluator/index.js';
import type { Expr } from '../../library/promql/ast.js';
import type { SLI } from '../../library/slo/sli.js';
import type { PromtoolTestGroup } from './promtoolTest.js';
import type { Roles } from './search.js';
import { renderedLabels, TemplateRenderError, type AlertMember, type AlertUnderTest } from './simulate.js';
import { synthesizeSLOTests } from './sloScenarios.js';
import { synthesizeAlertTests } from './synthesize.js';
import { SynthesisError, type SynthSeries } from './universe.js';
import { compileUserTest, ExpectationError } from './userTests.js';

/**
 * One alert's test synthesis as plain data: everything it reads, and nothing else. The
 * compiler builds jobs from the analyzed project; running one needs no project, index or
 * closure, so a job can be hashed as the key of its cached result and sent to a worker
 * thread as it is. Rules carry no `source` (where a definition was written changes no test).
 */
export interface AlertTestJob {
  /** The alert under test: its place in `members`. */
  alert: number;
  /** Every alerting rule promtool evaluates with this alert's name, in the order `groups` hold them. */
  members: JobMember[];
  /** Groups to evaluate, recording-rule dependencies first, the alert's group last. */
  groups: JobGroup[];
  externalLabels: Readonly<Record<string, string>>;
  intervalMs: number;
  evalIntervalMs: number;
  lookbackMs: number;
  /**
   * The synthetic input series and the label that tells the quiet control copy apart, or why
   * no input could be built (the hand-written tests still run).
   */
  universe: { series: SynthSeries[]; controlLabel: string | undefined } | { error: string };
  /** For an SLO's burn-rate alert: every tier of its SLO, and which one this alert is. */
  slo?: { tiers: TierUnderTest[]; tier: number } | undefined;
  /** The job of each metric the hand-written tests feed, for their input series. */
  metricJobs: Readonly<Record<string, string>>;
}

export interface JobMember {
  rule: AlertRule;
  expr: Expr;
  labels: Readonly<Record<string, string>>;
  annotations: Readonly<Record<string, string>>;
}

export interface JobGroup {
  name: string;
  rules: Array<
    | { kind: 'record'; record: string; expr: Expr; labels: Readonly<Record<string, string>> }
    | { kind: 'alert'; member: number; forMs: number; keepFiringForMs: number }
  >;
}

/** What an SLO tier's tests read of the tier and its SLO. */
export interface TierUnderTest {
  slo: { name: string; service: string; groupBy: readonly string[]; sli: SLI };
  longWindow: string;
  shortWindow: string;
  for: string;
  factor: number;
  /** The error ratio both windows must exceed. */
  threshold: number;
}

/** Why a test could not be derived or a hand-written one contradicts the simulation. */
export type JobProblem =
  | { kind: 'not-generated'; message: string }
  /** `field`: where in the test case, when the contradicted value is known (see ExpectationError). */
  | { kind: 'expectation'; test: number; name: string; message: string; field?: string };

export interface AlertTestOutcome {
  tests: PromtoolTestGroup[];
  problems: JobProblem[];
}

/** Failures that mean "lookout cannot derive or check this test", reported as diagnostics. */
function isTestFailure(e: unknown): e is Error {
  return e instanceof SynthesisError || e instanceof ExpectationError || e instanceof UnsupportedError || e instanceof TemplateRenderError || e instanceof EvaluationError;
}

/** The simulation inputs of a job, with each alert's label templates rendered as promtool would. */
export function alertUnderTest(job: AlertTestJob): AlertUnderTest {
  const own = job.members[job.alert]!;
  const aut: AlertUnderTest = {
    ...own,
    members: [],
    groups: [],
    externalLabels: job.externalLabels,
    intervalMs: job.intervalMs,
    evalIntervalMs: job.evalIntervalMs,
    lookbackMs: job.lookbackMs,
  };
  aut.groups = job.groups.map(
    (g): SimGroup => ({
      name: g.name,
      rules: g.rules.map((r) => {
        if (r.kind === 'record') return r;
        const member: AlertMember = job.members[r.member]!;
        const sim: SimAlertingRule = {
          kind: 'alert',
          alert: member.rule.name,
          expr: member.expr,
          forMs: r.forMs,
          keepFiringForMs: r.keepFiringForMs,
          renderLabels: (sample, value) => renderedLabels(aut, sample, value, member),
        };
        aut.members.push({ ...member, sim });
        return sim;
      }),
    }),
  );
  return aut;
}

function rolesOf(universe: readonly SynthSeries[], controlLabel: string | undefined): Roles {
  const twins = new Map<number, number>();
  const driven = new Set<string>();
  const control = new Set<string>();
  universe.forEach((s, i) => {
    const v = controlLabel ? s.labels[controlLabel] : undefined;
    if (v === undefined) return;
    if (s.group === 0) driven.add(v);
    else control.add(v);
    if (s.group !== 1 || !controlLabel) return;
    const twin = universe.findIndex(
      (o) => o.group === 0 && o.metric === s.metric && Object.keys(s.labels).every((k) => k === controlLabel || o.labels[k] === s.labels[k]),
    );
    if (twin >= 0) twins.set(twin, i);
  });
  return { universe, twins, controlLabel, controlValues: new Set([...control].filter((v) => !driven.has(v))) };
}

/**
 * Runs a job: the generated tests (by search for a hand-written alert, from the burn
 * arithmetic for an SLO tier), then each hand-written case. A test lookout cannot derive, or a
 * case the simulation contradicts, becomes a problem; anything else is a bug and throws.
 */
export function runAlertTestJob(job: AlertTestJob): AlertTestOutcome {
  const aut = alertUnderTest(job);
  const tests: PromtoolTestGroup[] = [];
  const problems: JobProblem[] = [];
  try {
    if ('error' in job.universe) throw new SynthesisError(job.universe.error);
    const roles = rolesOf(job.universe.series, job.universe.controlLabel);
    if (job.slo) tests.push(...synthesizeSLOTests(aut, roles, job.slo.tiers, job.slo.tier));
    else tests.push(...synthesizeAlertTests(aut, roles));
  } catch (e) {
    if (!isTestFailure(e)) throw e;
    problems.push({ kind: 'not-generated', message: e.message });
  }
  const metricJob = (metric: string) => job.metricJobs[metric];
  aut.rule.tests.forEach((t: AlertTestCase, i) => {
    try {
      tests.push(compileUserTest(aut, t, metricJob));
    } catch (e) {
      if (!isTestFailure(e)) throw e;
      const problem: JobProblem = { kind: 'expectation', test: i, name: t.name, message: e.message };
      if (e instanceof ExpectationError && e.field) problem.field = e.field;
      problems.push(problem);
    }
  });
  return { tests, problems };
}
