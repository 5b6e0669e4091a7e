import { prometheusBuiltins } from '../toolkit/catalog/builtin.js';
import { checkCatalogs } from '../toolkit/catalog/checks/index.js';
import { MetricIndex } from '../toolkit/catalog/metricIndex.js';
import { diagnose } from '../toolkit/diagnostics/check.js';
import type { Diagnostic } from '../toolkit/diagnostics/diagnostic.js';
import { durationMs } from '../toolkit/duration.js';
import type { RecordingRule, Rule, RuleGroup } from '../toolkit/alerts/define.js';
import { ALERT_CHECKS, RECORDING_CHECKS } from '../toolkit/alerts/checks/index.js';
import { checkGroups } from '../toolkit/alerts/checks/groups.js';
import { selectorMetricName, walk, type Expr } from '../toolkit/promql/ast.js';
import { checkQuery } from '../toolkit/promql/checks/index.js';
import { inferLabels, type LabelFlow } from '../toolkit/promql/labels.js';
import { parsePromQL } from '../toolkit/promql/parse.js';
import type { DefinitionModule, LoadedProject } from './model.js';

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
  loaded: LoadedProject;
  index: MetricIndex;
  rules: AnalyzedRule[];
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
function indexRecordingRules(index: MetricIndex, rules: readonly RecordingRule[]): void {
  const parsed = rules.map((rule) => {
    const p = parsePromQL(rule.expr);
    return { rule, expr: p.ok ? p.expr : undefined };
  });
  const pendingNames = new Set(rules.map((r) => r.name));
  let pending = parsed;
  while (pending.length > 0) {
    const ready = pending.filter((p) => !p.expr || [...referencedNames(p.expr)].every((n) => !pendingNames.has(n) || n === p.rule.name));
    const batch = ready.length > 0 ? ready : pending;
    const seen = new Set<string>();
    for (const { rule, expr } of batch) {
      if (seen.has(rule.name) || index.get(rule.name)) continue; // same name twice: labels unioned below
      seen.add(rule.name);
      const sameName = batch.filter((b) => b.rule.name === rule.name);
      const labels = new Map<string, readonly string[] | undefined>();
      let complete = ready.length > 0;
      for (const s of sameName) {
        const flow = s.expr ? inferLabels(s.expr, index) : { labels: new Map(), complete: false };
        complete &&= flow.complete;
        for (const [k, v] of flow.labels) labels.set(k, v);
        for (const [k, v] of Object.entries(s.rule.labels)) labels.set(k, [v]);
      }
      index.addRecording(rule.name, labels, complete);
    }
    for (const b of batch) pendingNames.delete(b.rule.name);
    pending = pending.filter((p) => !batch.includes(p));
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

  const entries = loaded.modules.flatMap((module) => module.groups.map((group) => ({ module, group })));
  indexRecordingRules(
    index,
    entries.flatMap(({ group }) => group.rules.filter((r): r is RecordingRule => r.kind === 'record')),
  );

  const rules: AnalyzedRule[] = [];
  for (const { module, group } of entries) {
    const groupIntervalMs = durationMs(group.interval ?? project.evaluationInterval);
    for (const rule of group.rules) {
      const { expr, diagnostics: queryDiagnostics } = checkQuery(rule.expr, {
        index,
        scrapeIntervalMs,
        evaluationIntervalMs: groupIntervalMs,
        path: `${rule.name}.expr`,
        source: rule.source,
      });
      diagnostics.push(...queryDiagnostics);
      const flow = expr ? inferLabels(expr, index) : undefined;
      const base = { group, project, index, expr, flow, scrapeIntervalMs, groupIntervalMs };
      const results =
        rule.kind === 'alert'
          ? ALERT_CHECKS.map((c) => ({ check: c.check, findings: c.run({ ...base, rule }) }))
          : RECORDING_CHECKS.map((c) => ({ check: c.check, findings: c.run({ ...base, rule }) }));
      for (const { check, findings } of results) {
        for (const { field, ...f } of findings) diagnostics.push(diagnose(check, { ...f, path: `${rule.name}.${field}`, source: rule.source }));
      }
      rules.push({ module, group, rule, expr, flow, groupIntervalMs });
    }
  }
  diagnostics.push(...checkGroups(entries.map(({ module, group }) => ({ module: module.relPath, group })), scrapeIntervalMs));
  return { analyzed: { loaded, index, rules, scrapeIntervalMs, evaluationIntervalMs }, diagnostics };
}
