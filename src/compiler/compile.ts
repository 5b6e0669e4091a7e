import type { Diagnostic } from '../toolkit/diagnostics/diagnostic.js';
import type { AnalyzedProject } from './analyze.js';
import { compileAlertTests } from './alertTests.js';
import { ruleFile } from './emit/ruleFile.js';
import { testFile } from './emit/testFile.js';
import type { RuleGroup } from '../toolkit/alerts/define.js';
import type { DefinitionModule } from './model.js';
import type { ArtifactSet } from './write.js';

/** `rules/gateway-errors.ts` → `gateway-errors`; `slo/api/chat.ts` → `slo-api-chat`. */
export function moduleSlug(module: DefinitionModule): string {
  const parts = module.relPath.replace(/\.m?ts$/, '').split('/');
  if (parts[0] === 'rules') parts.shift();
  return parts.join('-');
}

export function ruleFilePath(module: DefinitionModule): string {
  return `prometheus/rules/${moduleSlug(module)}.rules.yml`;
}

/** Compiles the analyzed project into the files of generated/. */
export function compileArtifacts(analyzed: AnalyzedProject): { artifacts: ArtifactSet; diagnostics: Diagnostic[] } {
  const artifacts = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];
  const project = analyzed.loaded.project;
  for (const module of analyzed.loaded.modules) {
    if (module.groups.length === 0) continue;
    artifacts.set(ruleFilePath(module), ruleFile(module.groups, module.relPath, project));
  }
  const { alerts, diagnostics: testDiagnostics } = compileAlertTests(analyzed);
  diagnostics.push(...testDiagnostics);
  const moduleOf = (group: RuleGroup) => analyzed.loaded.modules.find((m) => m.groups.includes(group))!;
  for (const module of analyzed.loaded.modules) {
    for (const group of module.groups) {
      const mine = alerts.filter((a) => a.rule.group === group);
      const tests = mine.flatMap((a) => a.tests);
      if (tests.length === 0) continue;
      const deps = [...new Set(mine.flatMap((a) => a.dependencyGroups))];
      const modules = [module, ...new Set(deps.map(moduleOf))].filter((m, i, all) => all.indexOf(m) === i);
      const loadedGroups = modules.flatMap((m) => m.groups);
      const order = [...deps, ...loadedGroups.filter((g) => !deps.includes(g))];
      const content = testFile({
        from: module.relPath,
        ruleFiles: modules.map((m) => `../rules/${moduleSlug(m)}.rules.yml`),
        evaluationIntervalMs: mine[0]!.evaluationIntervalMs,
        groupOrder: order,
        tests,
      });
      artifacts.set(`prometheus/tests/${group.name}.test.yml`, content);
    }
  }
  return { artifacts, diagnostics };
}
