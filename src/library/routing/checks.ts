import { defineCheck, diagnose, type Check } from '../diagnostics/check.js';
import type { Diagnostic, Snippet, SourceLocation } from '../diagnostics/diagnostic.js';
import type { Severity } from '../alerts/define.js';
import { compileLabelRegexp } from '../../engine/goregexp/index.js';
import { describeIntent, type Routing } from './define.js';
import { allRoutes, routeAlert } from './evaluate.js';
import { matchesAll, toAlertMatchers, type AlertMatcher } from './matchers.js';
import type { Receiver } from './receivers.js';
import { DEFAULT_TEMPLATES, templateReferences } from './templates.js';
import { receiverFieldFindings, receiverUrlFindings, routingReceiverField, routingReceiverUrl } from './receiverFields.js';
import { inhibitionLabelFindings, routingGroupBy, routingInterval, routingLabelName, timingFindings, type RoutingFinding } from './routeFields.js';
import { routingTimeIntervalRange, timeRangeFindings } from './timeIntervals.js';
import { routingTemplateSyntax, templateSyntaxFindings } from './templateSyntax.js';

/** An alert as routing sees it before any series exists. */
export interface RoutedAlert {
  name: string;
  severity: Severity;
  /** alertname, severity, the rule's static labels and labels its query pins to one value. */
  labels: Readonly<Record<string, string>>;
  /** Labels the alert may carry whose values are known only at run time. */
  runtimeLabels: ReadonlySet<string>;
  /** Whether label inference knows every label the query can carry. */
  labelsComplete: boolean;
  source?: SourceLocation | undefined;
}

export const routingReceiverUnknown = defineCheck({
  id: 'routing/unknown-receiver',
  severity: 'error',
  title: 'Every receiver a route or routing case names is defined, once',
  why: 'Alertmanager refuses to load a config whose route names a missing receiver: every alert would stop notifying at the next reload.',
});
export const routingReceiverUnused = defineCheck({
  id: 'routing/unused-receiver',
  severity: 'warning',
  title: 'Every receiver is reached by some route',
  why: 'A receiver no route reaches is a channel someone believes is watched and that never gets anything.',
});
export const routingTimeInterval = defineCheck({
  id: 'routing/unknown-time-interval',
  severity: 'error',
  title: 'Routes mute or activate only on defined time intervals',
  why: 'Alertmanager refuses a config that names a missing time interval.',
});
export const routingSeverity = defineCheck({
  id: 'routing/severity',
  severity: 'error',
  title: "Every alert reaches only receivers meant for its severity and team",
  why: 'A page that lands in a ticket channel wakes nobody; a ticket that pages wakes someone for nothing. Both are found at 3 a.m. otherwise.',
});
export const routingRuntimeLabel = defineCheck({
  id: 'routing/runtime-label',
  severity: 'warning',
  title: 'Routes match on labels whose value is known before the alert fires',
  why: 'A route on a label the query fills at run time cannot be checked or tested ahead of time; the alert gets no generated route test.',
});
export const routingInhibitEqual = defineCheck({
  id: 'routing/inhibit-equal',
  severity: 'error',
  title: "An inhibition's equal labels are carried by every alert it can match",
  why: 'Alertmanager reads a missing label as "": an `equal` label absent on both sides silences unrelated alerts, absent on one side the inhibition never applies.',
});
export const routingInhibitUnmatched = defineCheck({
  id: 'routing/inhibit-unmatched',
  severity: 'warning',
  title: 'Both sides of an inhibition match some alert of the project',
  why: 'An inhibition whose source or target matches no alert protects nothing; usually an alert was renamed.',
});
export const routingInlineSecret = defineCheck({
  id: 'routing/inline-secret',
  severity: 'error',
  title: 'Receivers read secrets from files, never inline',
  why: 'Generated files are committed: a key written into them is leaked to everyone with the repository.',
});
export const routingTemplate = defineCheck({
  id: 'routing/unknown-template',
  severity: 'error',
  title: 'Receivers use only notification templates that are defined',
  why: 'Alertmanager checks templates only when it sends: an unknown template name fails every notification of that receiver.',
});
export const routingRegex = defineCheck({
  id: 'routing/matcher-regex',
  severity: 'error',
  title: 'Route and inhibition regexes compile as Alertmanager compiles them',
  why: 'Alertmanager refuses to load a config with a bad regex.',
});
export const routingTest = defineCheck({
  id: 'routing/test',
  severity: 'error',
  title: 'Hand-written routing cases reach exactly their receivers',
  why: 'A routing case pins who gets told about what; a route change that moves it must be deliberate.',
});

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
  routingTemplateSyntax,
];

/** Config keys that hold a secret in Alertmanager's receivers; each has a `_file` variant lookout uses. */
const SECRET_KEYS = new Set(['api_url', 'routing_key', 'service_key', 'api_key', 'password', 'bearer_token', 'credentials', 'token', 'secret', 'auth_password', 'auth_secret']);
const SECRET_PARAM = /token|key|secret|password|passwd|sig|auth/i;

function stringsIn(value: unknown, path: string, out: Array<{ path: string; key: string; value: string }>): void {
  if (typeof value === 'string') out.push({ path, key: path.split('.').pop()!.replace(/\[\d+\]$/, ''), value });
  else if (Array.isArray(value)) value.forEach((v, i) => stringsIn(v, `${path}[${i}]`, out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) stringsIn(v, `${path}.${k}`, out);
}

function inlineSecret(key: string, value: string): string | undefined {
  if (SECRET_KEYS.has(key)) return `\`${key}\` holds the secret itself`;
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.password) return 'the URL carries a password';
  const param = [...url.searchParams.keys()].find((k) => SECRET_PARAM.test(k));
  if (param) return `the URL carries \`${param}\` in its query`;
  // Slack and similar incoming-webhook URLs are secrets by themselves.
  if (/hooks\.slack\.com|outlook\.office\.com\/webhook|discord(app)?\.com\/api\/webhooks/.test(value)) return 'the URL is an incoming-webhook secret';
  return undefined;
}

type Site = { source?: SourceLocation | undefined; path: string };

/**
 * Checks a routing definition against the project's alerts. Returns the diagnostics and, when
 * the tree is sound, where each alert goes (what the generated route tests pin).
 */
export function checkRouting(routing: Routing, alerts: readonly RoutedAlert[]): { diagnostics: Diagnostic[]; routed: Map<RoutedAlert, string[]> } {
  const diagnostics: Diagnostic[] = [];
  const report = (check: Check, site: Site, message: string, hint?: string, snippet?: Snippet) =>
    diagnostics.push(diagnose(check, { path: site.path, message, hint, snippet, source: site.source }));
  const at = (path: string): Site => ({ source: routing.source, path: `routing.${path}` });
  // Fields Alertmanager's own validation refuses: caught here so generate never writes a config amtool rejects.
  const reportAll = (check: Check, findings: readonly RoutingFinding[], site: (path: string) => Site = at) => {
    for (const f of findings) report(check, site(f.path), f.message, f.hint, f.snippet);
  };
  const timing = timingFindings(routing.route);
  reportAll(routingInterval, timing.interval);
  reportAll(routingGroupBy, timing.groupBy);
  reportAll(routingLabelName, timing.labelName);
  routing.inhibitions.forEach((inh, i) => reportAll(routingLabelName, inhibitionLabelFindings(inh, `inhibitions[${i}]`)));
  for (const [name, ranges] of Object.entries(routing.timeIntervals)) {
    ranges.forEach((t, i) => reportAll(routingTimeIntervalRange, timeRangeFindings(t, `timeIntervals.${name}[${i}]`)));
  }
  for (const r of routing.receivers) {
    const site = (path: string): Site => ({ source: r.source, path });
    reportAll(routingReceiverUrl, receiverUrlFindings(r), site);
    reportAll(routingReceiverField, receiverFieldFindings(r), site);
  }
  for (const [name, text] of Object.entries(routing.templates)) reportAll(routingTemplateSyntax, templateSyntaxFindings(name, text, `templates.${name}`));

  // Receivers: names unique, secrets in files, templates defined.
  const receivers = new Map<string, Receiver>();
  for (const r of routing.receivers) {
    if (receivers.has(r.name)) report(routingReceiverUnknown, { source: r.source, path: `${r.name}.name` }, `receiver "${r.name}" is defined twice`);
    receivers.set(r.name, r);
  }
  const templates = new Set([...Object.keys(DEFAULT_TEMPLATES), ...Object.keys(routing.templates)]);
  for (const r of routing.receivers) {
    const strings: Array<{ path: string; key: string; value: string }> = [];
    stringsIn(r.config, r.name, strings);
    for (const s of strings) {
      const secret = inlineSecret(s.key, s.value);
      if (secret) {
        report(routingInlineSecret, { source: r.source, path: s.path }, `receiver "${r.name}": ${secret}`, 'mount the secret as a file and use the receiver\'s *File option (routingKeyFile, apiUrlFile, credentialsFile)');
      }
      for (const name of templateReferences(s.value)) {
        if (!templates.has(name) && !/^(__|[a-z]+\.default\.)/.test(name)) {
          report(routingTemplate, { source: r.source, path: s.path }, `receiver "${r.name}" uses template "${name}", which no routing template defines`, `define it under templates: or use one of ${[...templates].sort().join(', ')}`);
        }
      }
    }
  }
  for (const [name, text] of Object.entries(routing.templates)) {
    for (const ref of templateReferences(text)) {
      if (!templates.has(ref) && !/^(__|[a-z]+\.default\.)/.test(ref)) report(routingTemplate, at(`templates.${name}`), `template "${name}" uses template "${ref}", which is not defined`);
    }
  }

  // The tree: receivers and intervals exist, regexes compile.
  const used = new Set<string>();
  let sound = true;
  const checkMatchers = (matchers: readonly AlertMatcher[], path: string) => {
    for (const m of matchers) {
      if (m.op !== '=~' && m.op !== '!~') continue;
      try {
        compileLabelRegexp(m.value);
      } catch (e) {
        sound = false;
        report(routingRegex, at(`${path}.${m.name}`), `${m.name}${m.op}"${m.value}": ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  };
  for (const { route, path } of allRoutes(routing.route)) {
    if (route.receiver !== undefined) {
      used.add(route.receiver);
      if (!receivers.has(route.receiver)) {
        sound = false;
        report(routingReceiverUnknown, at(`${path}.receiver`), `${path} sends to receiver "${route.receiver}", which is not defined`, `defined receivers: ${[...receivers.keys()].join(', ')}`);
      }
    }
    if ('matchers' in route) checkMatchers(toAlertMatchers(route.matchers), `${path}.matchers`);
    const r = route as { muteTimeIntervals?: readonly string[]; activeTimeIntervals?: readonly string[] };
    for (const field of ['muteTimeIntervals', 'activeTimeIntervals'] as const) {
      for (const name of r[field] ?? []) {
        if (!(name in routing.timeIntervals)) report(routingTimeInterval, at(`${path}.${field}`), `${path} names time interval "${name}", which is not defined`);
      }
    }
  }
  routing.inhibitions.forEach((inh, i) => {
    checkMatchers(toAlertMatchers(inh.source), `inhibitions[${i}].source`);
    checkMatchers(toAlertMatchers(inh.target), `inhibitions[${i}].target`);
  });
  for (const r of routing.receivers) {
    if (!used.has(r.name)) report(routingReceiverUnused, { source: r.source, path: `${r.name}.name` }, `no route sends anything to receiver "${r.name}"`);
  }
  const routed = new Map<RoutedAlert, string[]>();
  if (!sound) return { diagnostics, routed };

  // Every alert against the receivers' intent.
  const routeLabels = new Set(allRoutes(routing.route).flatMap(({ route }) => ('matchers' in route ? Object.keys(route.matchers) : [])));
  for (const a of alerts) {
    const runtime = [...routeLabels].filter((l) => a.runtimeLabels.has(l));
    if (runtime.length > 0) {
      report(routingRuntimeLabel, { source: a.source, path: `${a.name}.labels` }, `the routes match on ${runtime.map((l) => `\`${l}\``).join(', ')}, which ${a.name} gets from its series at run time: its routing is not checked ahead of time`, 'route on static labels (severity, team) set on the alert');
      continue;
    }
    const matches = routeAlert(routing.route, a.labels);
    const team = a.labels.team;
    const wrong = matches.filter(({ receiver }) => {
      const r = receivers.get(receiver)!;
      return !r.severities.includes(a.severity) || (r.team !== undefined && team !== undefined && r.team !== team);
    });
    // Routes matching on a label the alert does not carry let it fall through to a parent's receiver:
    // the fix is the alert's label, not the route the alert fell to.
    const missing = [...routeLabels].filter((l) => !(l in a.labels) && l !== 'alertname').sort();
    for (const { receiver, path } of wrong) {
      const r = receivers.get(receiver)!;
      if (missing.length > 0) {
        const names = missing.map((l) => `\`${l}\``).join(', ');
        report(
          routingSeverity,
          { source: a.source, path: `${a.name}.labels` },
          `${a.name} (severity ${a.severity}) has no ${names} label, which the routes match on: it falls through to receiver "${receiver}" (${path}), which is for ${describeIntent(r)}`,
          `set ${missing.map((l) => `${l}: '...'`).join(', ')} in ${a.name}'s labels`,
        );
        continue;
      }
      report(
        routingSeverity,
        at(path),
        `${a.name} (severity ${a.severity}${team ? `, team ${team}` : ''}) reaches receiver "${receiver}" through ${path}, but "${receiver}" is for ${describeIntent(r)}`,
        `route ${a.severity} alerts to a receiver for them (${routing.receivers.filter((x) => x.severities.includes(a.severity)).map((x) => x.name).join(', ') || 'none is defined'}), or change the alert's severity`,
      );
    }
    if (wrong.length === 0) routed.set(a, matches.map((m) => m.receiver));
  }

  // Inhibitions: every `equal` label on every alert each side can match.
  routing.inhibitions.forEach((inh, i) => {
    const sides = { source: toAlertMatchers(inh.source), target: toAlertMatchers(inh.target) } as const;
    for (const side of ['source', 'target'] as const) {
      const candidates = alerts.filter((a) => mayMatch(sides[side], a));
      if (candidates.length === 0) {
        report(routingInhibitUnmatched, at(`inhibitions[${i}].${side}`), `the ${side} of inhibition ${i} ("${inh.reason}") matches no alert of the project`);
        continue;
      }
      for (const label of inh.equal) {
        for (const a of candidates) {
          if (label in a.labels || a.runtimeLabels.has(label) || !a.labelsComplete) continue;
          report(
            routingInhibitEqual,
            at(`inhibitions[${i}].equal`),
            `inhibition ${i} ("${inh.reason}") requires equal \`${label}\`, but ${a.name}, which its ${side} matches, never carries it: Alertmanager reads it as "" and ` +
              (side === 'target' ? 'silences it whenever any source without the label fires, or never' : 'it can only silence targets that lack the label too'),
            side === 'target' ? `add ${label}: re('.+') to the target matchers, or exclude ${a.name} from them` : `exclude ${a.name} from the source matchers`,
          );
        }
      }
    }
  });

  // Hand-written cases.
  routing.tests.forEach((t, i) => {
    const unknown = t.receivers.filter((r) => !receivers.has(r));
    if (unknown.length > 0) {
      report(routingReceiverUnknown, at(`tests[${i}].receivers`), `routing case "${t.name}" expects receiver ${unknown.map((r) => `"${r}"`).join(', ')}, which is not defined`);
      return;
    }
    const got = routeAlert(routing.route, t.labels).map((m) => m.receiver);
    if (got.join(',') !== t.receivers.join(',')) {
      report(routingTest, at(`tests[${i}]`), `routing case "${t.name}" expects ${t.receivers.join(', ')} but the routes send it to ${got.join(', ')}`);
    }
  });
  return { diagnostics, routed };
}

/** Whether an alert could match: a matcher on a label known only at run time may hold. */
function mayMatch(matchers: readonly AlertMatcher[], a: RoutedAlert): boolean {
  return matchers.every((m) => {
    if (!(m.name in a.labels) && (a.runtimeLabels.has(m.name) || (!a.labelsComplete && m.name !== 'alertname' && m.name !== 'severity'))) return true;
    return matchesAll([m], a.labels);
  });
}

