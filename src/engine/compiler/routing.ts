import type { AlertRule } from '../../library/alerts/define.js';
import type { Diagnostic } from '../../library/diagnostics/diagnostic.js';
import { checkRouting, type RoutedAlert } from '../../library/routing/checks/index.js';
import { goSemantics } from './semantics.js';
import type { Routing } from '../../library/routing/define.js';
import { formatMatcher, toAlertMatchers } from '../../library/routing/matchers.js';
import { tierInhibitions } from '../../library/slo/inhibitions.js';
import type { AnalyzedProject, AnalyzedRule } from './analyze.js';
import { alertmanagerConfig, templatesFile, TEMPLATES_FILE, type ExplainedInhibition } from './emit/alertmanagerConfig.js';
import { inhibitRulesFile } from './emit/inhibitRules.js';
import { alertLabels } from './emit/links.js';
import { generatedHeader, sorted, toYaml } from './emit/yaml.js';

export const ALERTMANAGER_CONFIG = 'alertmanager/alertmanager.yml';
export const ROUTE_TESTS = 'alertmanager/routes.test.yml';
/** Without a routing definition, the SLO tiers' inhibitions still land here, as a fragment. */
const SLO_INHIBIT_RULES = 'alertmanager/slo-inhibit-rules.yml';

/** One generated route test: an alert's labels and the receivers they must reach, in order. */
export interface RouteTestCase {
  name: string;
  from: string;
  labels: Record<string, string>;
  receivers: string[];
}

/**
 * An alert's labels as routing sees them before it fires: its name, severity and static
 * labels, and the labels its query pins to one value. Labels with a template, or filled by
 * the query's series, are known only at run time.
 */
export function routedAlert(r: AnalyzedRule<AlertRule>): RoutedAlert {
  const labels: Record<string, string> = {};
  const runtime = new Set<string>();
  for (const [name, values] of r.flow?.labels ?? []) {
    if (values?.length === 1) labels[name] = values[0]!;
    else runtime.add(name);
  }
  for (const [name, value] of Object.entries(alertLabels(r.rule))) {
    if (value.includes('{{')) {
      delete labels[name];
      runtime.add(name);
    } else {
      labels[name] = value;
      runtime.delete(name);
    }
  }
  labels.alertname = r.rule.name;
  return { name: r.rule.name, severity: r.rule.severity, labels, runtimeLabels: runtime, labelsComplete: r.flow?.complete ?? false, source: r.rule.source };
}

/** The routing's own inhibitions in Alertmanager's terms, each with its reason. */
export function routingInhibitions(routing: Routing): ExplainedInhibition[] {
  return routing.inhibitions.map((inh) => ({
    reason: inh.reason,
    rule: { sourceMatchers: toAlertMatchers(inh.source).map(formatMatcher), targetMatchers: toAlertMatchers(inh.target).map(formatMatcher), equal: [...inh.equal] },
  }));
}

function sloInhibitions(analyzed: AnalyzedProject): ExplainedInhibition[] {
  return tierInhibitions(analyzed.sloTiers).map((rule) => ({ reason: 'SLO tiers: a faster burn-rate tier keeps the slower ones of the same SLO quiet.', rule }));
}

/**
 * Checks the project's routing against its alerts and compiles it: alertmanager.yml, the
 * notification templates, and one route test per alert (plus the hand-written cases), which
 * `lookout validate` runs through `amtool config routes test`.
 */
export function compileRouting(analyzed: AnalyzedProject): { files: Map<string, string>; diagnostics: Diagnostic[]; receiversOf: Map<AlertRule, string[]> } {
  const files = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];
  const receiversOf = new Map<AlertRule, string[]>();
  const owners = analyzed.loaded.modules.flatMap((m) => m.routings.map((routing) => ({ routing, from: m.relPath })));
  if (owners.length === 0) {
    const inhibitions = tierInhibitions(analyzed.sloTiers);
    if (inhibitions.length > 0) {
      const from = analyzed.loaded.modules.filter((m) => m.slos.length > 0).map((m) => m.relPath);
      files.set(SLO_INHIBIT_RULES, inhibitRulesFile(inhibitions, from));
    }
    return { files, diagnostics, receiversOf };
  }
  for (const extra of owners.slice(1)) {
    diagnostics.push({
      code: 'routing/duplicate',
      severity: 'error',
      file: extra.routing.source?.file ?? extra.from,
      line: extra.routing.source?.line,
      column: extra.routing.source?.column,
      path: 'routing',
      message: `a second routing definition (the first is in ${owners[0]!.from}): Alertmanager has one route tree`,
      hint: 'merge them into one defineRouting({...})',
    });
  }
  const { routing, from } = owners[0]!;
  const alerts = analyzed.rules.filter((r): r is AnalyzedRule<AlertRule> => r.rule.kind === 'alert');
  const routed = alerts.map((r) => ({ rule: r, alert: routedAlert(r) }));
  const checked = checkRouting(routing, routed.map((r) => r.alert), goSemantics);
  diagnostics.push(...checked.diagnostics);

  const inhibitions = routingInhibitions(routing);
  if (routing.sloTierInhibitions) inhibitions.push(...sloInhibitions(analyzed));
  files.set(ALERTMANAGER_CONFIG, alertmanagerConfig(routing, inhibitions, from));
  files.set(`alertmanager/${TEMPLATES_FILE}`, templatesFile(routing, from));

  // One case per distinct label set: the SLO tiers of one SLO differ in tier and severity.
  const cases: RouteTestCase[] = [];
  const seen = new Set<string>();
  for (const { rule, alert } of routed) {
    const receivers = checked.routed.get(alert);
    if (!receivers) continue;
    receiversOf.set(rule.rule, receivers);
    const labels = sorted(alert.labels);
    const key = JSON.stringify(labels);
    if (seen.has(key)) continue;
    seen.add(key);
    cases.push({ name: `${alert.name} (${alert.severity})`, from: rule.module.relPath, labels, receivers });
  }
  for (const t of routing.tests) cases.push({ name: t.name, from, labels: sorted(t.labels), receivers: [...t.receivers] });
  files.set(ROUTE_TESTS, routeTestsFile(cases, from));
  return { files, diagnostics, receiversOf };
}

function routeTestsFile(cases: readonly RouteTestCase[], from: string): string {
  const note =
    '# Where each alert must be delivered. `lookout validate` runs every case as\n' +
    '#   amtool config routes test --config.file=alertmanager.yml --verify.receivers=<receivers> <labels>\n';
  return generatedHeader(from) + note + toYaml({ tests: cases });
}
