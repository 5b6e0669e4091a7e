import { GROUP_CHECKS } from '../../library/alerts/checks/groups.js';
import { ALERT_CHECKS, alertRunbookMissing, RECORDING_CHECKS } from '../../library/alerts/checks/index.js';
import { duplicateMetric, METRIC_CHECKS } from '../../library/catalog/checks/index.js';
import { QUERY_CHECKS } from '../../library/queries/checks/index.js';
import { syntaxCheck } from '../../library/queries/checks/syntax.js';
import { sloUntested, testExpectation, testNotGenerated } from '../synthesis/checks.js';
import { duplicateSLO, SLO_CHECKS } from '../../library/slo/checks/index.js';
import { runbookTemplate } from '../runbooks/checks.js';
import { ROUTING_CHECKS } from '../../library/routing/checks/index.js';
import { metricNeverEmitted } from '../instrumentation/metricNeverEmitted.js';
import { metricOutsideCatalog } from '../instrumentation/metricOutsideCatalog.js';
import { promClientImport } from '../instrumentation/promClientImport.js';
import { readButNeverEmitted } from '../instrumentation/readButNeverEmitted.js';
import { serviceConfig } from '../instrumentation/serviceConfig.js';
import { untracedRecording } from '../instrumentation/untracedRecording.js';
import { alertDashboardLink, DASHBOARD_CHECKS, duplicateDashboard } from '../../library/dashboards/checks/index.js';
import type { Check } from '../../library/diagnostics/check.js';
import type { CodeBook } from './ignore/codeBook.js';
import { ignoreNotSilenceable } from './ignore/notSilenceable.js';
import { ignoreReason } from './ignore/reason.js';
import { ignoreUnknownCode } from './ignore/unknownCode.js';
import { ignoreUnused } from './ignore/unused.js';

/** Every check lookout runs, by area, for `lookout checks` and docs/checks.md. */
export function allChecks(): Check[] {
  const checks = [
    ...METRIC_CHECKS.map((c) => c.check),
    duplicateMetric,
    syntaxCheck,
    ...QUERY_CHECKS.map((c) => c.check),
    ...ALERT_CHECKS.map((c) => c.check),
    alertRunbookMissing,
    ...RECORDING_CHECKS.map((c) => c.check),
    ...GROUP_CHECKS,
    testNotGenerated,
    sloUntested,
    testExpectation,
    ...SLO_CHECKS.map((c) => c.check),
    duplicateSLO,
    runbookTemplate,
    ...ROUTING_CHECKS,
    promClientImport,
    metricOutsideCatalog,
    metricNeverEmitted,
    readButNeverEmitted,
    untracedRecording,
    serviceConfig,
    ...DASHBOARD_CHECKS.map((c) => c.check),
    duplicateDashboard,
    alertDashboardLink,
    ignoreUnknownCode,
    ignoreReason,
    ignoreNotSilenceable,
    ignoreUnused,
  ];
  return [...new Map(checks.map((c) => [c.id, c])).values()].sort((a, b) => a.id.localeCompare(b.id));
}

/** Problems reported outside the check registry, with their codes. */
const OTHER_CODES: [string, string][] = [
  ['typescript/TS<n>', 'A TypeScript error in a definition or what it imports; generation stops before loading anything.'],
  ['load/config', 'lookout.config.ts is missing or does not export defineProject({...}) as default.'],
  ['load/module', 'A definition module threw while being imported; reported once, at the project file and line that threw (a module it imports, a cycle\'s member), whatever was thrown.'],
  ['load/timeout', 'Importing a module, or a definition\'s callback, ran longer than the time limit (LOOKOUT_TIMEOUT seconds, 60 by default); reported at the line it was stuck at.'],
  ['load/exit', 'A definition called process.exit (or ended the definitions\' thread) while it was loaded or compiled: nothing is generated.'],
  ['load/async-throw', 'A definition threw from a timer or a callback, or rejected a promise nothing awaited; reported where it was thrown.'],
  ['load/builtin-changed', 'A module changed one of JavaScript\'s builtins (a prototype, Math, JSON): the compiler runs on them in the same thread, so loading stops there.'],
  ['load/unsettled', 'A module\'s top-level await waits for a promise that never settles.'],
  ['load/loose-rule', 'A module exports an alert or recording rule outside ruleGroup().'],
  ['load/ignored-module', 'A module outside slo/, rules/ and dashboards/ exports a definition and nothing imports it: generate would leave it out without a word (a warning).'],
  ['write/permission', 'generated/, a folder in it or the project folder cannot be written (read-only, a read-only mount, a full disk): the errno and the folder are named, and nothing is changed.'],
  ['test/synthesis-timeout', 'Simulating an alert\'s tests ran longer than the time limit (LOOKOUT_TIMEOUT seconds, 60 by default): a hand-written test at a far time.'],
  ['routing/duplicate', 'A project defines its Alertmanager routing twice; there is one route tree.'],
  ['definition/invalid', 'A definition has the wrong shape at run time (a duration Prometheus rejects, an empty name).'],
  ['grafana/url', '`lookout grafana push --url` is not an http(s) URL Grafana can be reached at (credentials or a query string in it are refused).'],
  ['grafana/token-file', 'The `--token-file` of `lookout grafana push` is missing, unreadable, empty, or holds more than one token.'],
  ['grafana/folder', 'The `--folder` of `lookout grafana push` is empty.'],
  ['grafana/dashboards-dir', 'The dashboards folder given to `lookout grafana push` is missing, unreadable, or holds no JSON files.'],
  ['grafana/dashboard-file', 'A dashboard JSON file `lookout grafana push` would send is not JSON, has no uid or title, or repeats another file\'s uid or title; it is not sent.'],
  ['grafana/dashboard-json', 'A dashboard file `lookout check-queries` or `lookout preview` reads is not valid JSON.'],
  ['grafana/dashboard-shape', 'A dashboard file `lookout check-queries` or `lookout preview` reads lacks a field they need (uid, title, panel targets) or has it in the wrong type.'],
  ['grafana/dashboard-duplicate-uid', 'Two dashboard files read by `lookout check-queries` or `lookout preview` share a uid.'],
];

/** Every code lookout reports: the registered checks' and the other codes below, for coverage tests and `ignore`. */
export function allCodes(): string[] {
  return [...allChecks().map((c) => c.id), ...OTHER_CODES.map(([code]) => code)].sort();
}

/** Why problems of `code` cannot be silenced with `ignore`, or undefined when they can. */
function refusal(code: string, checks: ReadonlyMap<string, Check>): string | undefined {
  const check = checks.get(code);
  if (check?.refusedBy) return `${check.refusedBy} refuses output with this problem`;
  if (code.startsWith('ignore/')) return 'problems with ignore entries are not silenced by other entries';
  if (!check) return 'it is not about one definition: it stops generate before any check runs, or comes from a command';
  return undefined;
}

/** What `ignore` is checked against. */
export function codeBook(): CodeBook {
  const checks = new Map(allChecks().map((c) => [c.id, c]));
  return { codes: allCodes(), refusal: (code) => refusal(code, checks) };
}

/** docs/checks.md: every code lookout reports, with why it exists. */
export function checksMarkdown(): string {
  const lines = [
    '# Checks',
    '',
    'Generated from the check definitions by `lookout checks --markdown`; a test keeps it in sync.',
    'Each problem lookout reports carries one of these codes.',
    '',
  ];
  for (const c of allChecks()) {
    lines.push(`## \`${c.id}\` (${c.severity})`, '', `${c.title}.`, '', `Why: ${c.why}`, '');
    if (c.refusedBy) lines.push(`Cannot be silenced with \`ignore\`: ${c.refusedBy} refuses output with this problem.`, '');
  }
  lines.push('## Other codes', '', 'None of these can be silenced with `ignore`: they are not about one definition.', '');
  for (const [code, text] of OTHER_CODES) lines.push(`- \`${code}\`: ${text}`);
  return `${lines.join('\n')}\n`;
}
