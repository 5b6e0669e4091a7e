import type { Diagnostic } from '../../library/diagnostics/diagnostic.js';
import type { AnalyzedProject } from './analyze.js';
import type { AlertTests } from './alertTests.js';
import { groupsYaml, ruleFile, ruleGroupsData } from './emit/ruleFile.js';
import { testFile } from './emit/testFile.js';
import { prometheusConfig } from './emit/prometheusConfig.js';
import { compileRunbooks } from './emit/runbooks.js';
import { mimirRuleFile, prometheusRuleResource } from './emit/scaleOut.js';
import { compileRouting } from './routing.js';
import { grafanaArtifacts } from './emit/grafana.js';
import type { RuleGroup } from '../../library/alerts/define.js';
import type { DefinitionModule } from './model.js';
import { catalogJobs } from '../../library/catalog/define.js';

/** `rules/gateway-errors.ts` → `gateway-errors`; `slo/api/chat.ts` → `slo-api-chat`. */
export function moduleSlug(module: DefinitionModule): string {
  const parts = module.relPath.replace(/\.m?ts$/, '').split('/');
  if (parts[0] === 'rules') parts.shift();
  return parts.join('-');
}

/** One generated rule file: the groups it holds and the definition file they come from. */
export interface RuleFileUnit {
  /** Name inside generated/prometheus/rules and tests, without extension. */
  slug: string;
  from: string;
  groups: RuleGroup[];
}

/**
 * A module's hand-written groups share one rule file; each SLO gets its own, because promtool
 * evaluates every group of a loaded file at every step: SLO tests that loaded all of a
 * module's SLOs cost time in proportion to their square.
 */
function ruleFileUnits(analyzed: AnalyzedProject): RuleFileUnit[] {
  const fromSLO = new Set(analyzed.sloGroups.flatMap((s) => s.groups));
  const units: RuleFileUnit[] = [];
  for (const module of analyzed.loaded.modules) {
    const own = module.groups.filter((g) => !fromSLO.has(g));
    if (own.length > 0) units.push({ slug: moduleSlug(module), from: module.relPath, groups: own });
    for (const { groups } of analyzed.sloGroups.filter((s) => module.groups.includes(s.groups[0]!))) {
      units.push({ slug: groups[0]!.name, from: module.relPath, groups });
    }
  }
  return units;
}

/**
 * A pause for the event loop every few milliseconds of work: compiling runs on the main
 * thread while worker threads synthesize tests, and each worker is handed its next job from
 * here.
 */
function yielder(signal: AbortSignal | undefined): () => Promise<void> {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < 20) return;
    await new Promise((resolve) => setImmediate(resolve));
    signal?.throwIfAborted();
    since = performance.now();
  };
}

export interface CompiledOutputs {
  artifacts: Map<string, string>;
  diagnostics: Diagnostic[];
  /** The rule files, for the test files that load them. */
  units: RuleFileUnit[];
}

/** Compiles the analyzed project into every file of generated/ but the promtool tests; `signal` stops it. */
export async function compileOutputs(analyzed: AnalyzedProject, signal?: AbortSignal): Promise<CompiledOutputs> {
  const pause = yielder(signal);
  const artifacts = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];
  const project = analyzed.loaded.project;
  const units = ruleFileUnits(analyzed);
  for (const unit of units) {
    const groups = groupsYaml(ruleGroupsData(unit.groups, project, analyzed.dashboardUids));
    artifacts.set(`prometheus/rules/${unit.slug}.rules.yml`, ruleFile(groups, unit.from));
    artifacts.set(`kubernetes/prometheusrules/${unit.slug}.yaml`, prometheusRuleResource(unit.slug, groups, unit.from, project));
    artifacts.set(`mimir/rules/${unit.slug}.yml`, mimirRuleFile(unit.slug, groups, unit.from));
    await pause();
  }
  const jobs = project.catalogs.flatMap(catalogJobs);
  artifacts.set('prometheus/prometheus.yml', prometheusConfig(project, units.map((u) => `rules/${u.slug}.rules.yml`), jobs));
  const routing = compileRouting(analyzed);
  diagnostics.push(...routing.diagnostics);
  for (const [file, content] of routing.files) artifacts.set(file, content);
  await pause();
  for (const [file, content] of grafanaArtifacts(analyzed.dashboards, project)) artifacts.set(file, content);
  await pause();
  const runbooks = compileRunbooks(analyzed, routing.receiversOf);
  diagnostics.push(...runbooks.diagnostics);
  for (const [file, content] of runbooks.files) artifacts.set(file, content);
  return { artifacts, diagnostics, units };
}

/** One promtool test file per rule group with tests, loading the rule files its alerts need. */
export function compileTestFiles(units: readonly RuleFileUnit[], alerts: readonly AlertTests[]): Map<string, string> {
  const files = new Map<string, string>();
  const unitOfGroup = new Map(units.flatMap((u) => u.groups.map((g) => [g, u] as const)));
  const unitOf = (group: RuleGroup) => unitOfGroup.get(group)!;
  const alertsOf = new Map<RuleGroup, AlertTests[]>();
  for (const a of alerts) alertsOf.set(a.rule.group, [...(alertsOf.get(a.rule.group) ?? []), a]);
  for (const unit of units) {
    for (const group of unit.groups) {
      const mine = alertsOf.get(group) ?? [];
      const entries = mine.filter((a) => a.testCount > 0).map((a) => a.testEntries);
      if (entries.length === 0) continue;
      const deps = [...new Set(mine.flatMap((a) => a.dependencyGroups))];
      const loadedUnits = [unit, ...deps.map(unitOf)].filter((u, i, all) => all.indexOf(u) === i);
      const loadedGroups = loadedUnits.flatMap((u) => u.groups);
      const order = [...deps, ...loadedGroups.filter((g) => !deps.includes(g))];
      const content = testFile({
        from: unit.from,
        ruleFiles: loadedUnits.map((u) => `../rules/${u.slug}.rules.yml`),
        evaluationIntervalMs: mine[0]!.evaluationIntervalMs,
        groupOrder: order,
        entries,
      });
      files.set(`prometheus/tests/${group.name}.test.yml`, content);
    }
  }
  return files;
}
