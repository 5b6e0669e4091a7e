import { analyze } from '../../src/engine/compiler/analyze.js';
import type { LoadedProject } from '../../src/engine/compiler/model.js';
import type { Rule, RuleGroup } from '../../src/library/alerts/define.js';
import type { Catalog } from '../../src/library/catalog/define.js';
import type { DashboardDefinition } from '../../src/library/dashboards/define.js';
import type { Diagnostic } from '../../src/library/diagnostics/diagnostic.js';
import { defineProject, ruleGroup, type ProjectOptions } from '../../src/library/index.js';
import type { Routing } from '../../src/library/routing/define.js';
import type { SLO } from '../../src/library/slo/define.js';
import { shop } from '../fixtures/mini/metrics.js';

/** One definition module of an in-memory project; `relPath` defaults to rules/shop.ts. */
export interface ModuleInput {
  relPath?: string;
  groups?: RuleGroup[];
  slos?: SLO[];
  routings?: Routing[];
  dashboards?: DashboardDefinition[];
}

/**
 * A project as the loader would hand it to the compiler's stages, built in memory so a table
 * runs in milliseconds. Catalogs default to the mini shop catalog; project options to the shop
 * project's (15s scrapes, 1m evaluation, 35d retention).
 */
export interface ProjectInput {
  /** The project folder; only the stages that read files (runbooks/) look in it. */
  root?: string;
  catalogs?: Catalog[];
  project?: Partial<ProjectOptions>;
  modules?: ModuleInput[];
}

export function loadedProject(input: ProjectInput = {}): LoadedProject {
  const catalogs = input.catalogs ?? [shop];
  return {
    root: input.root ?? '/project',
    project: defineProject({ name: 'shop', catalogs, scrapeInterval: '15s', evaluationInterval: '1m', retention: '35d', ...input.project }),
    catalogs,
    modules: (input.modules ?? []).map((m) => {
      const relPath = m.relPath ?? 'rules/shop.ts';
      return { file: `${input.root ?? '/project'}/${relPath}`, relPath, groups: m.groups ?? [], slos: m.slos ?? [], routings: m.routings ?? [], dashboards: m.dashboards ?? [] };
    }),
  };
}

/** What the compiler's analyze stage reports for the project. */
export function analyzeProject(input: ProjectInput): Diagnostic[] {
  return analyze(loadedProject(input)).diagnostics;
}

/** The shop project with one module holding these rule groups, analyzed. */
export function analyzeGroups(...groups: RuleGroup[]): Diagnostic[] {
  return analyzeProject({ modules: [{ groups }] });
}

/** The shop project with one rule group "shop" holding these rules, analyzed. */
export function analyzeRules(...rules: Rule[]): Diagnostic[] {
  return analyzeGroups(ruleGroup({ name: 'shop', rules }));
}

/** Each list is one rule module (rules/a.ts, rules/b.ts, ...) of rule groups, analyzed. */
export function analyzeRuleModules(modules: RuleGroup[][]): Diagnostic[] {
  return analyzeProject({ modules: modules.map((groups, i) => ({ relPath: `rules/${String.fromCharCode(97 + i)}.ts`, groups })) });
}

/** The shop project with one module holding these SLOs, analyzed. */
export function analyzeSLOs(...slos: SLO[]): Diagnostic[] {
  return analyzeProject({ modules: [{ relPath: 'slo/shop.ts', slos }] });
}
