import { prometheusBuiltins } from '../../library/catalog/builtin.js';
import { checkCatalogs } from '../../library/catalog/checks/index.js';
import { MetricIndex } from '../../library/catalog/metricIndex.js';
import { diagnose } from '../../library/diagnostics/check.js';
import type { Diagnostic } from '../../library/diagnostics/diagnostic.js';
import { durationMs } from '../../library/duration.js';
import type { RecordingRule, Rule, RuleGroup } from '../../library/alerts/define.js';
import { ALERT_CHECKS, RECORDING_CHECKS } from '../../library/alerts/checks/index.js';
import { checkGroups } from '../../library/alerts/checks/groups.js';
import { goSemantics } from './semantics.js';
import { selectorMetricName, walk, type Expr } from '../../library/promql/ast.js';
import { checkQuery } from '../../library/queries/checks/index.js';
import { inferLabels, type LabelFlow } from '../../library/queries/labels.js';
import { parsePromQL, type ParseResult } from '../../library/promql/parse.js';
import type { DefinitionModule, LoadedProject } from './model.js';
import { checkProjectDashboards, collectDashboards, dashboardUids, type DashboardUids, type ProjectDashboard } from './dashboards.js';
import { checkSLOs } from '../../library/slo/checks/index.js';
import { compileSLO, type TierAlert } from '../../library/slo/compile.js';
import { sloId, type SLO } from '../../library/slo/define.js';
import { resolveTiers } from '../../library/slo/tiers.js';

/** A rule with what analysis learned about it; the emitters and test synthesis read these. */
export interface AnalyzedRule<R extends Rule = Rule> {
  module: DefinitionModule;
  group: RuleGroup;
  rule: R;
  expr?: Expr | undefined;
  flow?: LabelFlow | undefined;
  groupIntervalMs: number;
}

export interface AnalyzedProject {
  /** The loaded project, each module's groups followed by those its SLOs compiled to. */
  loaded: LoadedProject;
  index: MetricIndex;
  /** The burn-rate alerts SLOs compiled to, with their SLO and tier. */
  sloTiers: TierAlert[];
  /** The rule groups each SLO compiled to (also appended to its module's groups). */
  sloGroups: Array<{ slo: SLO; groups: RuleGroup[] }>;
  rules: AnalyzedRule[];
  /** Hand-written dashboards, then the generated SLO ones. */
  dashboards: ProjectDashboard[];
  /** Dashboard slug or uid → uid, for alerts' dashboard_url. */
  dashboardUids: DashboardUids;
  scrapeIntervalMs: number;
  evaluationIntervalMs: number;
}

function referencedNames(expr: Expr): Set<string> {
  const names = new Set<string>();
  walk(expr, (n) => {
    if (n.type === 'vector') {
      const name = selectorMetricName(n);
      if (name) names.add(name);
    }
  });
  return names;
}

/**
 * Adds recording rules to the index in dependency order, so a rule that reads another
 * recording rule sees its inferred labels. Rules in a cycle are added with unknown labels.
 */
function indexRecordingRules(index: MetricIndex, rules: readonly RecordingRule[], parses: ReadonlyMap<Rule, ParseResult>): void {
  const parsed = rules.map((rule) => {
    const p = parses.get(rule)!;
    return { rule, expr: p.ok ? p.expr : undefined };
  });
  const pendingNames = new Set(rules.map((r) => r.name));
  let pending = parsed;
  while (pending.length > 0) {
    const ready = pending.filter((p) => !p.expr || [...referencedNames(p.expr)].every((n) => !pendingNames.has(n) || n === p.rule.name));
    const batch = ready.length > 0 ? ready : pending;
    for (const { rule, expr } of batch) {
      const flow = expr ? inferLabels(expr, index) : { labels: new Map<string, readonly string[] | undefined>(), complete: false };
      const labels = new Map(flow.labels);
      for (const [k, v] of Object.entries(rule.labels)) labels.set(k, [v]);
      index.addRecording(rule.name, labels, flow.complete && ready.length > 0);
    }
    for (const b of batch) pendingNames.delete(b.rule.name);
    const done = new Set(batch);
    pending = pending.filter((p) => !done.has(p));
  }
}

/**
 * Runs every check over the loaded project: catalog conventions, each query against the
 * catalog and recording rules, each alert's lints, and the cross-group checks.
 */
export function analyze(loaded: LoadedProject): { analyzed: AnalyzedProject; diagnostics: Diagnostic[] } {
  const { project } = loaded;
  const scrapeIntervalMs = durationMs(project.scrapeInterval);
  const evaluationIntervalMs = durationMs(project.evaluationInterval);
  const index = new MetricIndex([prometheusBuiltins, ...loaded.catalogs]);
  const diagnostics: Diagnostic[] = [...checkCatalogs(loaded.catalogs, index)];

  const { expanded, tiers: sloTiers, sloGroups, diagnostics: sloDiagnostics } = expandSLOs(loaded, index, scrapeIntervalMs);
  diagnostics.push(...sloDiagnostics);
  const entries = expanded.modules.flatMap((module) => module.groups.map((group) => ({ module, group })));
  // Each rule's PromQL is parsed once, for the index of recorded series and for the checks.
  const parses = new Map(entries.flatMap(({ group }) => group.rules.map((r) => [r, parsePromQL(r.expr)] as const)));
  indexRecordingRules(
    index,
    entries.flatMap(({ group }) => group.rules.filter((r): r is RecordingRule => r.kind === 'record')),
    parses,
  );

  const rules: AnalyzedRule[] = [];
  // An SLO's tiers are several rules compiled from one definition: a finding about a field they
  // share (its dashboard, its summary) is the same finding, printed once.
  const reported = new Set<string>();
  for (const { module, group } of entries) {
    const groupIntervalMs = durationMs(group.interval ?? project.evaluationInterval);
    for (const rule of group.rules) {
      const { expr, diagnostics: queryDiagnostics } = checkQuery(rule.expr, {
        index,
        scrapeIntervalMs,
        evaluationIntervalMs: groupIntervalMs,
        path: `${rule.name}.expr`,
        source: rule.source,
        semantics: goSemantics,
      }, parses.get(rule));
      diagnostics.push(...queryDiagnostics);
      const flow = expr ? inferLabels(expr, index) : undefined;
      const base = { group, project, index, expr, flow, scrapeIntervalMs, groupIntervalMs, semantics: goSemantics };
      const results =
        rule.kind === 'alert'
          ? ALERT_CHECKS.map((c) => ({ check: c.check, findings: c.run({ ...base, rule }) }))
          : RECORDING_CHECKS.map((c) => ({ check: c.check, findings: c.run({ ...base, rule }) }));
      for (const { check, findings } of results) {
        for (const { field, ...f } of findings) {
          const d = diagnose(check, { ...f, path: `${rule.name}.${field}`, source: rule.source });
          const key = JSON.stringify([d.code, d.file, d.line, d.column, d.path, d.message]);
          if (!reported.has(key)) diagnostics.push(d);
          reported.add(key);
        }
      }
      rules.push({ module, group, rule, expr, flow, groupIntervalMs });
    }
  }
  const sloOf = new Map<Rule, SLO>(sloTiers.map((t) => [t.rule, t.slo]));
  diagnostics.push(...checkGroups(entries.map(({ module, group }) => ({ module: module.relPath, group })), scrapeIntervalMs, (rule) => sloOf.get(rule) ?? rule));
  const dashboards = collectDashboards(loaded, sloGroups, sloTiers);
  const alerts = rules.flatMap((r) => (r.rule.kind === 'alert' ? [r.rule] : []));
  diagnostics.push(...checkProjectDashboards(dashboards, alerts, index, scrapeIntervalMs, evaluationIntervalMs));
  return {
    analyzed: { loaded: expanded, index, sloTiers, sloGroups, rules, dashboards, dashboardUids: dashboardUids(dashboards), scrapeIntervalMs, evaluationIntervalMs },
    diagnostics,
  };
}

/**
 * Checks every SLO and compiles the sound ones into rule groups appended to their module, so
 * their queries and alerts go through the same checks, files and tests as hand-written rules.
 */
function expandSLOs(
  loaded: LoadedProject,
  index: MetricIndex,
  scrapeIntervalMs: number,
): { expanded: LoadedProject; tiers: TierAlert[]; sloGroups: AnalyzedProject['sloGroups']; diagnostics: Diagnostic[] } {
  const contexts = loaded.modules.flatMap((m) =>
    m.slos.map((slo) => ({ slo, tiers: slo.alerting === false ? [] : resolveTiers(slo.alerting.tiers), project: loaded.project, index, scrapeIntervalMs, module: m.relPath })),
  );
  const diagnostics = checkSLOs(contexts);
  const broken = new Set(diagnostics.filter((d) => d.severity === 'error').map((d) => d.path.split('.')[0]));
  const tiers: TierAlert[] = [];
  const sloGroups: AnalyzedProject['sloGroups'] = [];
  const modules = loaded.modules.map((m) => {
    const groups = [...m.groups];
    for (const slo of m.slos) {
      if (broken.has(sloId(slo))) continue;
      const compiled = compileSLO(slo, loaded.project);
      groups.push(...compiled.groups);
      tiers.push(...compiled.tiers);
      sloGroups.push({ slo, groups: compiled.groups });
    }
    return { ...m, groups };
  });
  return { expanded: { ...loaded, modules }, tiers, sloGroups, diagnostics };
}
