import type { AlertRule, RecordingRule, Rule, RuleGroup } from '../../library/alerts/define.js';
import type { SeriesInfo } from '../../library/catalog/metricIndex.js';
import { diagnose } from '../../library/diagnostics/check.js';
import { sloUntested, testExpectation, testNotGenerated } from '../synthesis/checks.js';
import type { Diagnostic } from '../../library/diagnostics/diagnostic.js';
import { durationMs } from '../../library/duration.js';
import { children as childrenOf, selectorMetricName, walk, type Expr } from '../../library/promql/ast.js';
import { type AlertTestJob, type JobGroup, type JobMember, type TierUnderTest } from '../synthesis/job.js';
import { buildUniverse, canProduce, selectorUses, SynthesisError, type RecordingSource } from '../synthesis/universe.js';
import { RecordedNames } from '../synthesis/recordedNames.js';
import { sampleLoadProblem } from '../synthesis/sampleLoad.js';
import { sloId, type SLO } from '../../library/slo/define.js';
import type { TierAlert } from '../../library/slo/compile.js';
import type { AnalyzedProject, AnalyzedRule } from './analyze.js';
import { alertAnnotations, alertLabels } from './emit/links.js';
import type { CacheStore } from './cache/store.js';
import { runAlertTestJobs } from './synthesisThreads/runJobs.js';
import { catalogJobs } from '../../library/catalog/define.js';

/** The generated and hand-written test groups of one alert, and the groups its evaluation needs. */
export interface AlertTests {
  rule: AnalyzedRule<AlertRule>;
  /** How many test groups `testEntries` holds. */
  testCount: number;
  /** The tests, written as entries of a test file's `tests:` list. */
  testEntries: string;
  /** Rule groups the alert's query depends on through recording rules, in evaluation order. */
  dependencyGroups: RuleGroup[];
  /** The evaluation_interval its tests were computed for. */
  evaluationIntervalMs: number;
}

/**
 * How far back a query reads: its longest range or subquery plus offsets, through recording
 * rules. A recorded name counts once per query, where it is first met (`seen`), so what one
 * name adds depends only on it and the names met before it; that is what `memo` keys on,
 * keeping the value and the names it met, because a thousand SLOs record the same names and
 * each of their alerts would otherwise walk every SLO's rule of each.
 */
class Lookback {
  private readonly memo = new Map<string, { ms: number; met: string[] }>();

  constructor(private readonly recordings: RecordedNames<AnalyzedRule<RecordingRule>>) {}

  of(expr: Expr, seen = new Set<string>()): number {
    let max = 0;
    const visit = (node: Expr, outer: number): void => {
      switch (node.type) {
        case 'matrix': {
          const name = selectorMetricName(node.vector);
          const inner = name && !seen.has(name) ? this.recording(name, seen) : 0;
          max = Math.max(max, outer + node.rangeMs + (node.vector.offsetMs ?? 0) + inner);
          return;
        }
        case 'vector': {
          const name = selectorMetricName(node);
          max = Math.max(max, outer + (node.offsetMs ?? 0) + (name && !seen.has(name) ? this.recording(name, seen) : 0));
          return;
        }
        case 'subquery':
          visit(node.expr, outer + node.rangeMs + (node.offsetMs ?? 0));
          return;
        default:
          for (const child of childrenOf(node)) visit(child, outer);
      }
    };
    visit(expr, 0);
    return max;
  }

  private recording(name: string, seen: Set<string>): number {
    const rules = this.recordings.all(name);
    if (rules.length === 0) return 0;
    const key = `${name}\0${[...seen].sort().join('\0')}`;
    let known = this.memo.get(key);
    if (!known) {
      const before = new Set(seen);
      seen.add(name);
      const ms = Math.max(0, ...rules.map((r) => (r.expr ? this.of(r.expr, seen) : 0)));
      known = { ms, met: [...seen].filter((n) => !before.has(n)) };
      this.memo.set(key, known);
      return ms;
    }
    for (const n of known.met) seen.add(n);
    return known.ms;
  }
}

/**
 * The recording rules an expression needs, transitively, each once; a rule whose own labels
 * contradict the selector's matchers (another SLO's series of the same name) is not needed.
 */
function dependencies(expr: Expr, recordings: RecordedNames<AnalyzedRule<RecordingRule>>): Set<AnalyzedRule<RecordingRule>> {
  const out = new Set<AnalyzedRule<RecordingRule>>();
  const visit = (e: Expr) => {
    walk(e, (n) => {
      if (n.type !== 'vector') return;
      const name = selectorMetricName(n);
      for (const r of name ? recordings.candidates(name, n.matchers) : []) {
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

type ParsedRule = AnalyzedRule & { expr: Expr };

/** An alert as a job carries it: where it was written changes no test. */
function withoutSource(rule: AlertRule): AlertRule {
  const { source: _source, ...rest } = rule;
  return rest;
}

function tierUnderTest(t: TierAlert): TierUnderTest {
  const { name, service, groupBy, sli } = t.slo;
  return { slo: { name, service, groupBy, sli }, longWindow: t.tier.longWindow, shortWindow: t.tier.shortWindow, for: t.tier.for, factor: t.factor, threshold: t.threshold };
}

/**
 * Indexes of the analyzed project that job building looks things up in, built once: a
 * project of a thousand SLOs has four thousand alerts and twenty thousand rules, so a scan of
 * every rule per alert costs minutes.
 */
class ProjectIndex {
  readonly position = new Map<Rule, number>();
  readonly byGroup = new Map<RuleGroup, ParsedRule[]>();
  readonly alertsByName = new Map<string, ParsedRule[]>();
  readonly recordings: RecordedNames<AnalyzedRule<RecordingRule>>;
  /** The recording rules as test synthesis reads them: query and own labels. */
  readonly recordingSources: RecordedNames<RecordingSource>;
  readonly tierOf = new Map<AlertRule, TierAlert>();
  readonly tiersOf = new Map<SLO, TierAlert[]>();
  readonly lookback: Lookback;
  /** The rules part of the jobs of each group's alerts, by alert name: built once per name. */
  readonly rulesParts = new Map<RuleGroup, Map<string, RulesPart>>();
  /** Each SLO's tiers as its jobs carry them. */
  readonly tiersUnderTest = new Map<SLO, TierUnderTest[]>();

  constructor(readonly analyzed: AnalyzedProject) {
    analyzed.rules.forEach((r, i) => {
      this.position.set(r.rule, i);
      if (!r.expr) return;
      push(this.byGroup, r.group, r as ParsedRule);
      if (r.rule.kind === 'alert') push(this.alertsByName, r.rule.name, r as ParsedRule);
    });
    for (const t of analyzed.sloTiers) {
      this.tierOf.set(t.rule, t);
      push(this.tiersOf, t.slo, t);
    }
    const recorded = analyzed.rules.filter((r): r is AnalyzedRule<RecordingRule> => r.rule.kind === 'record');
    this.recordings = new RecordedNames(
      recorded.map((r) => [r.rule.name, r] as const),
      (r) => r.rule.labels,
    );
    this.recordingSources = new RecordedNames(
      recorded.flatMap((r) => (r.expr ? [[r.rule.name, { expr: r.expr, labels: r.rule.labels }] as const] : [])),
      (r) => r.labels,
    );
    this.lookback = new Lookback(this.recordings);
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * What the jobs of every alert of one name in one group share: the rules promtool evaluates
 * with them (their groups, dependencies first) and how far back they read. An SLO's tiers
 * share one, so it is built, and hashed for the cache, once rather than once per tier.
 */
interface RulesPart {
  members: JobMember[];
  memberOf: Map<AnalyzedRule, number>;
  groups: JobGroup[];
  dependencyGroups: RuleGroup[];
  lookbackMs: number;
}

function rulesPart(a: ParsedRule & { rule: AlertRule }, idx: ProjectIndex): RulesPart {
  let byName = idx.rulesParts.get(a.group);
  if (!byName) idx.rulesParts.set(a.group, (byName = new Map()));
  let part = byName.get(a.rule.name);
  if (!part) byName.set(a.rule.name, (part = buildRulesPart(a, idx)));
  return part;
}

function buildRulesPart(a: ParsedRule & { rule: AlertRule }, idx: ProjectIndex): RulesPart {
  const { analyzed } = idx;
  const project = analyzed.loaded.project;
  // promtool compares every firing alert of a name, so rules sharing the name (an SLO's tiers,
  // warning and critical variants) are simulated together, with what they read.
  const siblings = idx.alertsByName.get(a.rule.name)!;
  const needed = new Set<AnalyzedRule>(siblings);
  for (const r of siblings) for (const d of dependencies(r.expr, idx.recordings)) needed.add(d);
  const inOrder = [...needed].sort((x, y) => idx.position.get(x.rule)! - idx.position.get(y.rule)!);
  const dependencyGroups = [...new Set(inOrder.map((r) => r.group))].filter((g) => g !== a.group);
  const members: JobMember[] = [];
  const memberOf = new Map<AnalyzedRule, number>();
  const member = (r: ParsedRule & { rule: AlertRule }) => {
    let i = memberOf.get(r);
    if (i === undefined) {
      i = members.push({ rule: withoutSource(r.rule), expr: r.expr, labels: alertLabels(r.rule), annotations: alertAnnotations(r.rule, project, analyzed.dashboardUids) }) - 1;
      memberOf.set(r, i);
    }
    return i;
  };
  const groups: JobGroup[] = [...dependencyGroups, a.group].map((g) => ({
    name: g.name,
    rules: (idx.byGroup.get(g) ?? [])
      .filter((r) => needed.has(r))
      .map((r) =>
        r.rule.kind === 'record'
          ? { kind: 'record' as const, record: r.rule.name, expr: r.expr, labels: r.rule.labels }
          : { kind: 'alert' as const, member: member(r as ParsedRule & { rule: AlertRule }), forMs: r.rule.for ? durationMs(r.rule.for) : 0, keepFiringForMs: r.rule.keepFiringFor ? durationMs(r.rule.keepFiringFor) : 0 },
      ),
  }));
  // Every alert of the name is a member (it is in the last group), so members is complete here.
  return { members, memberOf, groups, dependencyGroups, lookbackMs: Math.max(...siblings.map((r) => idx.lookback.of(r.expr))) };
}

/** One alert's synthesis job: its rule groups (dependencies first), labels, annotations, timing and inputs. */
function alertTestJob(a: ParsedRule & { rule: AlertRule }, idx: ProjectIndex): { job: AlertTestJob; dependencyGroups: RuleGroup[] } {
  const { analyzed } = idx;
  const project = analyzed.loaded.project;
  const tier = idx.tierOf.get(a.rule);
  const { members, memberOf, groups, dependencyGroups, lookbackMs } = rulesPart(a, idx);
  // An SLO's quiet control is another value of its grouping label (a healthy provider); an
  // ungrouped SLO sums every series, so a control copy would only dilute its burn.
  const controlLabel = tier ? tier.slo.groupBy[0] : controlLabelOf(a);
  let universe: AlertTestJob['universe'];
  try {
    universe = { series: buildUniverse(selectorUses(a.expr, analyzed.index, idx.recordingSources), jobOf, controlLabel), controlLabel };
  } catch (e) {
    if (!(e instanceof SynthesisError)) throw e;
    universe = { error: e.message };
  }
  const metricJobs: Record<string, string> = {};
  for (const t of a.rule.tests) {
    for (const s of t.series) {
      const info = analyzed.index.get(s.metric) ?? analyzed.index.get(`${s.metric}_bucket`);
      if (info) metricJobs[s.metric] = jobOf(info)[0]!;
    }
  }
  const sloTiers = tier ? idx.tiersOf.get(tier.slo)! : [];
  let tiers = tier && idx.tiersUnderTest.get(tier.slo);
  if (tier && !tiers) idx.tiersUnderTest.set(tier.slo, (tiers = sloTiers.map(tierUnderTest)));
  const job: AlertTestJob = {
    alert: memberOf.get(a)!,
    members,
    groups,
    externalLabels: project.externalLabels,
    intervalMs: tier?.testIntervals ? durationMs(tier.testIntervals.samples) : analyzed.scrapeIntervalMs,
    evalIntervalMs: tier?.testIntervals ? durationMs(tier.testIntervals.evaluation) : a.groupIntervalMs,
    lookbackMs,
    universe,
    slo: tier ? { tiers: tiers!, tier: sloTiers.indexOf(tier) } : undefined,
    metricJobs,
  };
  // A test promtool would refuse for its sample count, or one that would take minutes to derive,
  // is skipped with the reason (the hand-written cases still run): see sampleLoad.ts.
  const tooHeavy = 'series' in universe ? sampleLoadProblem(job) : undefined;
  if (tooHeavy) job.universe = { error: tooHeavy };
  return { job, dependencyGroups };
}

/** The jobs a series is scraped as: a catalog may list several, and a selector picks among them. */
function jobOf(info: SeriesInfo): readonly string[] {
  if (info.origin.kind !== 'metric') return ['prometheus'];
  return catalogJobs(info.origin.catalog);
}

function sloUntestedDiagnostic(slo: SLO, alerts: readonly string[], reason: string): Diagnostic {
  return diagnose(sloUntested, {
    path: `${sloId(slo)}.sli`,
    source: slo.source,
    message: `SLO "${sloId(slo)}" has no generated tests for ${alerts.join(', ')}: ${reason}`,
    hint: 'type the SLI against the catalog (ratio() or latency()) so lookout can drive it, or add hand-written cases in the alert\'s tests',
  });
}

/**
 * Builds the generated and hand-written promtool tests for every alert of the project, each
 * from the cache when its job ran before as it is now. An alert lookout cannot derive tests
 * for gets a warning naming the reason.
 */
export async function compileAlertTests(analyzed: AnalyzedProject, store: CacheStore | undefined, signal?: AbortSignal): Promise<{ alerts: AlertTests[]; diagnostics: Diagnostic[]; cached: number }> {
  const idx = new ProjectIndex(analyzed);
  const built = analyzed.rules
    .filter((a): a is ParsedRule & { rule: AlertRule } => a.rule.kind === 'alert' && a.expr !== undefined)
    .map((alert) => ({ alert, ...alertTestJob(alert, idx) }));
  const { outcomes, cached } = await runAlertTestJobs(
    built.map((b) => b.job),
    store,
    signal,
  );
  const diagnostics: Diagnostic[] = [];
  // An SLO's tiers fail for one reason (its SLI), so they are reported once, by SLO: the line
  // `lookout validate` repeats, since the skip is otherwise invisible after generate.
  const untested = new Map<SLO, { alerts: string[]; reason: string }>();
  const alerts = built.map(({ alert, job, dependencyGroups }, i): AlertTests => {
    const rule = alert.rule;
    const outcome = outcomes[i]!;
    for (const p of outcome.problems) {
      const slo = idx.tierOf.get(rule)?.slo;
      if (p.kind === 'not-generated' && slo) {
        const known = untested.get(slo);
        if (!known) untested.set(slo, { alerts: [rule.name], reason: p.message });
        else if (!known.alerts.includes(rule.name)) known.alerts.push(rule.name);
      } else if (p.kind === 'not-generated') {
        diagnostics.push(
          diagnose(testNotGenerated, {
            path: `${rule.name}.expr`,
            source: rule.source,
            message: `no tests generated for ${rule.name}: ${p.message}`,
            hint: 'add a hand-written case in `tests:`; lookout still checks it against its own evaluation',
          }),
        );
      } else {
        const field = p.field ? `.${p.field}` : '';
        diagnostics.push(diagnose(testExpectation, { path: `${rule.name}.tests.${p.test}${field}`, source: rule.source, message: `test "${p.name}": ${p.message}` }));
      }
    }
    return { rule: alert, testCount: outcome.count, testEntries: outcome.entries, dependencyGroups, evaluationIntervalMs: job.evalIntervalMs };
  });
  for (const [slo, { alerts: names, reason }] of untested) diagnostics.push(sloUntestedDiagnostic(slo, names, reason));
  return { alerts, diagnostics, cached };
}
