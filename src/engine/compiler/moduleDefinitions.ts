import type { Diagnostic } from '../../library/diagnostics/diagnostic.js';
import type { RuleGroup } from '../../library/alerts/define.js';
import type { SLO } from '../../library/slo/define.js';
import type { Routing } from '../../library/routing/define.js';
import type { DashboardDefinition } from '../../library/dashboards/define.js';
import { callSiteOf, located } from './definitionSites.js';
import { exportSites, type ExportSites } from './exportSites.js';
import { relative } from './paths.js';

export interface ModuleDefinitions {
  groups: RuleGroup[];
  slos: SLO[];
  routings: Routing[];
  dashboards: DashboardDefinition[];
}

const BUCKETS = { 'rule-group': 'groups', slo: 'slos', routing: 'routings', dashboard: 'dashboards' } as const;
type Kind = keyof typeof BUCKETS;

const isKind = (k: unknown): k is Kind => typeof k === 'string' && Object.hasOwn(BUCKETS, k);

/**
 * Definitions in a module's exports: rule groups, SLOs, routing and dashboards, directly or in
 * arrays. Other exports are helpers. Each comes with a location: its call site when lookout's
 * builders made it, else the export holding it (an object written by hand, a JavaScript
 * module), so every problem found in it later is reported at a line.
 */
export function collectDefinitions(exports: Record<string, unknown>, file: string, root: string, diagnostics: Diagnostic[]): ModuleDefinitions {
  // Each definition once, under the first export holding it: `export default x` and
  // `export { x }` of the same value would otherwise count twice.
  const found = new Map<object, { kind: Kind; exportName: string }>();
  const loose = new Set<object>();
  let sites: ExportSites | undefined;
  const siteOf = (value: object, exportName: string) => callSiteOf(value) ?? (sites ??= exportSites(file)).of(exportName);
  const visit = (value: unknown, name: string, exportName: string): void => {
    if (Array.isArray(value)) {
      value.forEach((v, i) => visit(v, `${name}[${i}]`, exportName));
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    const kind = (value as { kind?: unknown }).kind;
    if (isKind(kind)) {
      if (!found.has(value)) found.set(value, { kind, exportName });
    } else if ((kind === 'alert' || kind === 'record') && !loose.has(value)) {
      loose.add(value);
      const site = siteOf(value, exportName);
      diagnostics.push({
        code: 'load/loose-rule',
        severity: 'error',
        file: relative(root, site.file),
        line: site.line,
        column: site.column,
        path: name,
        message: `export "${name}" is a rule outside any group`,
        hint: 'export ruleGroup({ name, rules: [...] }) instead',
      });
    }
  };
  for (const [name, value] of Object.entries(exports)) visit(value, name, name);
  const out: ModuleDefinitions = { groups: [], slos: [], routings: [], dashboards: [] };
  for (const [value, { kind, exportName }] of found) {
    (out[BUCKETS[kind]] as object[]).push(located(value, siteOf(value, exportName)));
  }
  return out;
}
