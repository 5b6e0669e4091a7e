import { diagnose, type Check } from '../../diagnostics/check.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { Semantics } from '../../semantics.js';
import type { Routing } from '../define.js';
import { allRoutes } from '../evaluate.js';
import { toAlertMatchers } from '../matchers.js';
import type { Receiver } from '../receivers.js';
import { routingTemplateSyntax, templateSyntaxFindings } from './templateSyntax.js';
import { routingTimeIntervalRange, timeRangeFindings } from './timeInterval.js';
import type { RoutedAlert, RoutingContext, RoutingFinding } from './context.js';
import { checkGroupBy, routingGroupBy } from './groupBy.js';
import { checkInhibitionEqual, routingInhibitEqual } from './inhibitEqual.js';
import { inhibitionCandidates, routingInhibitUnmatched } from './inhibitUnmatched.js';
import { checkInlineSecret, routingInlineSecret } from './inlineSecret.js';
import { checkIntervals, routingInterval } from './interval.js';
import { checkLabelNames, routingLabelName } from './labelName.js';
import { checkMatcherRegexes, routingRegex } from './matcherRegex.js';
import { checkReceiverFields, routingReceiverField } from './receiverField.js';
import { checkReceiverOptions, routingReceiverOption } from './receiverOption.js';
import { receiverStrings } from './receiverStrings.js';
import { checkReceiverUrls, routingReceiverUrl } from './receiverUrl.js';
import { checkRoutingCases, routingTest } from './routingCases.js';
import { checkRuntimeLabels, routingRuntimeLabel } from './runtimeLabel.js';
import { checkAlertReceivers, routingSeverity } from './severity.js';
import { checkRouteTimeIntervals, routingTimeInterval } from './unknownTimeInterval.js';
import { checkReceiverNamesUnique, checkRouteReceiver, routingReceiverUnknown } from './unknownReceiver.js';
import { checkReceiverTemplates, checkTemplateIncludes, routingTemplate } from './unknownTemplate.js';
import { checkUnusedReceivers, routingReceiverUnused } from './unusedReceiver.js';

export type { RoutedAlert } from './context.js';

export const ROUTING_CHECKS: readonly Check[] = [
  routingReceiverUnknown,
  routingReceiverUnused,
  routingTimeInterval,
  routingSeverity,
  routingRuntimeLabel,
  routingInhibitEqual,
  routingInhibitUnmatched,
  routingInlineSecret,
  routingTemplate,
  routingRegex,
  routingTest,
  routingInterval,
  routingGroupBy,
  routingLabelName,
  routingTimeIntervalRange,
  routingReceiverUrl,
  routingReceiverField,
  routingReceiverOption,
  routingTemplateSyntax,
];

/** Fields Alertmanager's own validation refuses: caught here so generate never writes a config amtool rejects. */
function checkRefusedFields(ctx: RoutingContext): void {
  const { routing } = ctx;
  const reportAll = (check: Check, findings: readonly RoutingFinding[]) => {
    for (const f of findings) ctx.report(check, ctx.at(f.path), f.message, f.hint, f.snippet);
  };
  checkIntervals(ctx);
  checkGroupBy(ctx);
  checkLabelNames(ctx);
  for (const [name, ranges] of Object.entries(routing.timeIntervals)) {
    ranges.forEach((t, i) => reportAll(routingTimeIntervalRange, timeRangeFindings(t, `timeIntervals.${name}[${i}]`)));
  }
  for (const r of routing.receivers) {
    checkReceiverUrls(ctx, r);
    checkReceiverFields(ctx, r);
    checkReceiverOptions(ctx, r);
  }
  for (const [name, text] of Object.entries(routing.templates)) reportAll(routingTemplateSyntax, templateSyntaxFindings(name, text, `templates.${name}`, ctx.semantics.templates));
}

/** Receivers: names unique, secrets in files, templates defined. */
function checkReceivers(ctx: RoutingContext): void {
  checkReceiverNamesUnique(ctx);
  for (const r of ctx.routing.receivers) {
    for (const s of receiverStrings(r.config, r.name)) {
      checkInlineSecret(ctx, r, s);
      checkReceiverTemplates(ctx, r, s);
    }
  }
  checkTemplateIncludes(ctx);
}

/** The tree: receivers and intervals exist, regexes compile. Whether it is sound enough to route alerts through. */
function checkTree(ctx: RoutingContext): boolean {
  let sound = true;
  for (const { route, path } of allRoutes(ctx.routing.route)) {
    if (!checkRouteReceiver(ctx, route, path)) sound = false;
    if ('matchers' in route && !checkMatcherRegexes(ctx, toAlertMatchers(route.matchers), `${path}.matchers`)) sound = false;
    checkRouteTimeIntervals(ctx, route, path);
  }
  ctx.routing.inhibitions.forEach((inh, i) => {
    if (!checkMatcherRegexes(ctx, toAlertMatchers(inh.source), `inhibitions[${i}].source`)) sound = false;
    if (!checkMatcherRegexes(ctx, toAlertMatchers(inh.target), `inhibitions[${i}].target`)) sound = false;
  });
  checkUnusedReceivers(ctx);
  return sound;
}

/** Every alert against the receivers' intent; where each alert goes when it reaches only receivers meant for it. */
function routeAlerts(ctx: RoutingContext): Map<RoutedAlert, string[]> {
  const routed = new Map<RoutedAlert, string[]>();
  const routeLabels = new Set(allRoutes(ctx.routing.route).flatMap(({ route }) => ('matchers' in route ? Object.keys(route.matchers) : [])));
  for (const a of ctx.alerts) {
    if (!checkRuntimeLabels(ctx, a, routeLabels)) continue;
    const receivers = checkAlertReceivers(ctx, a, routeLabels);
    if (receivers) routed.set(a, receivers);
  }
  return routed;
}

/** Inhibitions: each side matches some alert, and every `equal` label is on every alert each side can match. */
function checkInhibitions(ctx: RoutingContext): void {
  ctx.routing.inhibitions.forEach((inh, i) => {
    const sides = { source: toAlertMatchers(inh.source), target: toAlertMatchers(inh.target) } as const;
    for (const side of ['source', 'target'] as const) {
      const candidates = inhibitionCandidates(ctx, inh, i, side, sides[side]);
      checkInhibitionEqual(ctx, inh, i, side, candidates);
    }
  });
}

/**
 * Checks a routing definition against the project's alerts. Returns the diagnostics and, when
 * the tree is sound, where each alert goes (what the generated route tests pin).
 */
export function checkRouting(routing: Routing, alerts: readonly RoutedAlert[], semantics: Semantics): { diagnostics: Diagnostic[]; routed: Map<RoutedAlert, string[]> } {
  const diagnostics: Diagnostic[] = [];
  const ctx: RoutingContext = {
    routing,
    alerts,
    semantics,
    receivers: new Map<string, Receiver>(routing.receivers.map((r) => [r.name, r])),
    report: (check, site, message, hint, snippet) => diagnostics.push(diagnose(check, { path: site.path, message, hint, snippet, source: site.source })),
    at: (path) => ({ source: routing.source, path: `routing.${path}` }),
  };
  checkRefusedFields(ctx);
  checkReceivers(ctx);
  if (!checkTree(ctx)) return { diagnostics, routed: new Map() };
  const routed = routeAlerts(ctx);
  checkInhibitions(ctx);
  checkRoutingCases(ctx);
  return { diagnostics, routed };
}
