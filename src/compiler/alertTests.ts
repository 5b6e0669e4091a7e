import type { AlertRule, RecordingRule, RuleGroup } from '../toolkit/alerts/define.js';
import type { SeriesInfo } from '../toolkit/catalog/metricIndex.js';
import { diagnose } from '../toolkit/diagnostics/check.js';
import { testExpectation, testNotGenerated } from '../toolkit/tests/checks.js';
import type { Diagnostic } from '../toolkit/diagnostics/diagnostic.js';
import { durationMs } from '../toolkit/duration.js';
import { EvaluationError, UnsupportedError, type SimAlertingRule, type SimGroup, type SimRule } from '../toolkit/evaluate/index.js';
import { children as childrenOf, selectorMetricName, walk, type Expr } from '../toolkit/promql/ast.js';
import type { PromtoolTestGroup } from '../toolkit/tests/promtoolTest.js';
import type { Roles } from '../toolkit/tests/search.js';
import { renderedLabels, TemplateRenderError, type AlertUnderTest } from '../toolkit/tests/simulate.js';
import { synthesizeSLOTests } from '../toolkit/tests/sloScenarios.js';
import { synthesizeAlertTests } from '../toolkit/tests/synthesize.js';
import { buildUniverse, canProduce, selectorUses, SynthesisError } from '../toolkit/tests/universe.js';
import { compileUserTest, ExpectationError } from '../toolkit/tests/userTests.js';
import type { AnalyzedProject, AnalyzedRule } from './analyze.js';
import { alertAnnotations, alertLabels } from './emit/links.js';

/** The generated and hand-written test groups of one alert, and the groups its evaluation needs. */
export interface AlertTests {
  rule: AnalyzedRule<AlertRule>;
  tests: PromtoolTestGroup[];
  /** Rule groups the alert's query depends on through recording rules, in evaluation order. */
  dependencyGroups: RuleGroup[];
  /** The evaluation_interval its tests were computed for. */
  evaluationIntervalMs: number;
}

/** How far back a query reads: its longest range or subquery plus offsets, through recording rules. */
function lookback(expr: Expr, recordings: ReadonlyMap<string, AnalyzedRule<RecordingRule>[]>, seen = new Set<string>()): number {
  let max = 0;
  const visit = (node: Expr, outer: number): void => {
    switch (node.type) {
      case 'matrix': {
        const name = selectorMetricName(node.vector);
        const inner = name && !seen.has(name) ? recordingLookback(name) : 0;
        max = Math.max(max, outer + node.rangeMs + (node.vector.offsetMs ?? 0) + inner);
        return;
      }
      case 'vector': {
        const name = selectorMetricName(node);
        max = Math.max(max, outer + (node.offsetMs ?? 0) + (name && !seen.has(name) ? recordingLookback(name) : 0));
        return;
      }
      case 'subquery':
        visit(node.expr, outer + node.rangeMs + (node.offsetMs ?? 0));
        return;
      default:
        for (const child of childrenOf(node)) visit(child, outer);
    }
  };
  const recordingLookback = (name: string): number => {
    const rules = recordings.get(name);
    if (!rules) return 0;
    seen.add(name);
    return Math.max(0, ...rules.map((r) => (r.expr ? lookback(r.expr, recordings, seen) : 0)));
  };
  visit(expr, 0);
  return max;
}

/**
 * The recording rules an expression needs, transitively, each once; a rule whose own labels
 * contradict the selector's matchers (another SLO's series of the same name) is not needed.
 */
function dependencies(expr: Expr, recordings: ReadonlyMap<string, AnalyzedRule<RecordingRule>[]>): Set<AnalyzedRule<RecordingRule>> {
  const out = new Set<AnalyzedRule<RecordingRule>>();
  const visit = (e: Expr) => {
    walk(e, (n) => {
      if (n.type !== 'vector') return;
      const name = selectorMetricName(n);
      for (const r of (name && recordings.get(name)) || []) {
        if (out.has(r) || !canProduce(r.rule.labels, n.matchers)) continue;
        out.add(r);
        if (r.expr) visit(r.expr);
      }
    });
  };
  visit(expr);
  return out;
}

/** Output label used to add a quiet control copy of the inputs: any kept label but job and le. */
function controlLabelOf(a: AnalyzedRule<AlertRule>): string | undefined {
  const labels = [...(a.flow?.labels.keys() ?? [])].filter((l) => l !== 'job' && l !== 'le' && l !== '__name__');
  const own = labels.filter((l) => l !== 'instance').sort();
  return own[0] ?? (labels.includes('instance') ? 'instance' : undefined);
}

function rolesOf(universe: Roles['universe'], controlLabel: string | undefined): Roles {
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

/** Failures that mean "lookout cannot derive or check this test", reported as diagnostics. */
function isTestFailure(e: unknown): e is Error {
  return e instanceof SynthesisError || e instanceof ExpectationError || e instanceof UnsupportedError || e instanceof TemplateRenderError || e instanceof EvaluationError;
}

type Recordings = ReadonlyMap<string, AnalyzedRule<RecordingRule>[]>;

/** The simulation inputs for one alert: its rule groups (dependencies first), labels, annotations, timing. */
function alertUnderTest(a: AnalyzedRule<AlertRule> & { expr: Expr }, analyzed: AnalyzedProject, recordings: Recordings): { aut: AlertUnderTest; dependencyGroups: RuleGroup[] } {
  const project = analyzed.loaded.project;
  const tier = analyzed.sloTiers.find((t) => t.rule === a.rule);
  // promtool compares every firing alert of a name, so rules sharing the name (an SLO's tiers,
  // warning and critical variants) are simulated together, with what they read.
  const siblings = analyzed.rules.filter((r) => r.rule.kind === 'alert' && r.rule.name === a.rule.name && r.expr);
  const deps = new Set(siblings.flatMap((r) => [...dependencies(r.expr!, recordings)]));
  const isDep = (r: AnalyzedRule) => deps.has(r as AnalyzedRule<RecordingRule>);
  const isSibling = (r: AnalyzedRule) => siblings.includes(r);
  const dependencyGroups: RuleGroup[] = [];
  for (const d of analyzed.rules) if ((isDep(d) || isSibling(d)) && d.group !== a.group && !dependencyGroups.includes(d.group)) dependencyGroups.push(d.group);
  const aut: AlertUnderTest = {
    rule: a.rule,
    expr: a.expr,
    labels: alertLabels(a.rule),
    annotations: alertAnnotations(a.rule, project, analyzed.dashboardUids),
    members: [],
    groups: [],
    externalLabels: project.externalLabels,
    intervalMs: tier?.testIntervals ? durationMs(tier.testIntervals.samples) : analyzed.scrapeIntervalMs,
    evalIntervalMs: tier?.testIntervals ? durationMs(tier.testIntervals.evaluation) : a.groupIntervalMs,
    lookbackMs: Math.max(...siblings.map((r) => lookback(r.expr!, recordings))),
  };
  const simRule = (r: AnalyzedRule): SimRule => {
    if (r.rule.kind === 'record') return { kind: 'record', record: r.rule.name, expr: r.expr!, labels: r.rule.labels };
    const member = { rule: r.rule, expr: r.expr!, labels: alertLabels(r.rule), annotations: alertAnnotations(r.rule, project, analyzed.dashboardUids) };
    const sim: SimAlertingRule = {
      kind: 'alert',
      alert: r.rule.name,
      expr: r.expr!,
      forMs: r.rule.for ? durationMs(r.rule.for) : 0,
      keepFiringForMs: r.rule.keepFiringFor ? durationMs(r.rule.keepFiringFor) : 0,
      renderLabels: (sample, value) => renderedLabels(aut, sample, value, member),
    };
    aut.members.push({ ...member, sim });
    return sim;
  };
  aut.groups = [...dependencyGroups, a.group].map((g): SimGroup => ({
    name: g.name,
    rules: analyzed.rules.filter((r) => r.group === g && r.expr && (isSibling(r) || isDep(r))).map(simRule),
  }));
  return { aut, dependencyGroups };
}

/**
 * Builds the generated and hand-written promtool tests for every alert of the project.
 * An alert lookout cannot derive tests for gets a warning naming the reason.
 */
export function compileAlertTests(analyzed: AnalyzedProject): { alerts: AlertTests[]; diagnostics: Diagnostic[] } {
  const recordings = new Map<string, AnalyzedRule<RecordingRule>[]>();
  for (const r of analyzed.rules) {
    if (r.rule.kind !== 'record') continue;
    recordings.set(r.rule.name, [...(recordings.get(r.rule.name) ?? []), r as AnalyzedRule<RecordingRule>]);
  }
  const recordingExprs = new Map([...recordings].map(([k, rs]) => [k, rs.flatMap((r) => (r.expr ? [{ expr: r.expr, labels: r.rule.labels }] : []))]));
  const jobOf = (info: SeriesInfo) => (info.origin.kind === 'metric' ? info.origin.catalog.job : 'prometheus');
  const metricJob = (metric: string) => {
    const info = analyzed.index.get(metric) ?? analyzed.index.get(`${metric}_bucket`);
    return info ? jobOf(info) : undefined;
  };
  const diagnostics: Diagnostic[] = [];
  const alerts: AlertTests[] = [];

  for (const a of analyzed.rules) {
    if (a.rule.kind !== 'alert' || !a.expr) continue;
    const alert = a as AnalyzedRule<AlertRule> & { expr: Expr };
    const rule = alert.rule;
    const { aut, dependencyGroups } = alertUnderTest(alert, analyzed, recordings);
    const tier = analyzed.sloTiers.find((t) => t.rule === rule);
    const tests: PromtoolTestGroup[] = [];
    try {
      // An SLO's quiet control is another value of its grouping label (a healthy provider); an
      // ungrouped SLO sums every series, so a control copy would only dilute its burn.
      const controlLabel = tier ? tier.slo.groupBy[0] : controlLabelOf(alert);
      const universe = buildUniverse(selectorUses(alert.expr, analyzed.index, recordingExprs), jobOf, controlLabel);
      const roles = rolesOf(universe, controlLabel);
      if (tier) tests.push(...synthesizeSLOTests(aut, roles, tier, analyzed.sloTiers.filter((t) => t.slo === tier.slo)));
      else tests.push(...synthesizeAlertTests(aut, roles));
    } catch (e) {
      if (!isTestFailure(e)) throw e;
      diagnostics.push(
        diagnose(testNotGenerated, {
          path: `${rule.name}.expr`,
          source: rule.source,
          message: `no tests generated for ${rule.name}: ${e.message}`,
          hint: 'add a hand-written case in `tests:`; lookout still checks it against its own evaluation',
        }),
      );
    }
    rule.tests.forEach((t, i) => {
      try {
        tests.push(compileUserTest(aut, t, metricJob));
      } catch (e) {
        if (!isTestFailure(e)) throw e;
        diagnostics.push(diagnose(testExpectation, { path: `${rule.name}.tests.${i}`, source: rule.source, message: `test "${t.name}": ${e.message}` }));
      }
    });
    alerts.push({ rule: alert, tests, dependencyGroups, evaluationIntervalMs: aut.evalIntervalMs });
  }
  return { alerts, diagnostics };
}
