import { analyze } from '../../src/engine/compiler/analyze.js';
import { silencingFor } from '../../src/engine/compiler/silencing/load.js';
import type { Diagnostic } from '../../src/library/diagnostics/diagnostic.js';
import type { AlertRule } from '../../src/library/alerts/define.js';
import { ruleGroup } from '../../src/library/index.js';
import { checkCases } from '../support/checkCases.js';
import { loadedProject } from './project.js';
import { shopAlert } from './shopAlert.js';

/** What generate reports for a project of these alerts: the entries' own problems, the analyzed findings left after silencing, and the entries that silenced nothing. */
async function run(rules: AlertRule[]): Promise<Diagnostic[]> {
  const loaded = loadedProject({ modules: [{ groups: [ruleGroup({ name: 'shop', rules })] }] });
  const silencing = await silencingFor(loaded);
  const found = analyze(loaded).diagnostics;
  if (!silencing) return found;
  return [...silencing.problems, ...silencing.apply(found), ...silencing.unused()];
}

// A lower-case summary without a period: alert/summary, the finding the entries below silence.
const sloppy = { summary: 'traffic is high' };
const reason = 'the pager prefixes our summaries';

checkCases('ignore/unknown-code', {
  run,
  pass: [{ name: 'a registered code', input: [shopAlert({ ...sloppy, ignore: { 'alert/summary': reason } })] }],
  fail: [{ name: 'a misspelt code', input: [shopAlert({ ...sloppy, ignore: { 'alert/sumary': reason } })], expect: { severity: 'error', message: 'alert/sumary' } }],
});

checkCases('ignore/reason', {
  run,
  pass: [{ name: 'a reason', input: [shopAlert({ ...sloppy, ignore: { 'alert/summary': reason } })] }],
  fail: [{ name: 'an empty reason', input: [shopAlert({ ...sloppy, ignore: { 'alert/summary': ' ' } })], expect: { severity: 'error', message: 'alert/summary' } }],
});

checkCases('ignore/not-silenceable', {
  run,
  pass: [{ name: 'a style check', input: [shopAlert({ ...sloppy, ignore: { 'alert/summary': reason } })] }],
  fail: [{ name: 'a check whose output promtool refuses', input: [shopAlert({ ignore: { 'promql/syntax': reason } })], expect: { severity: 'error', message: 'promql/syntax' } }],
});

checkCases('ignore/unused', {
  run,
  pass: [{ name: 'an entry that silences a finding', input: [shopAlert({ ...sloppy, ignore: { 'alert/summary': reason } })] }],
  fail: [{ name: 'an entry on an alert that has no such finding', input: [shopAlert({ ignore: { 'alert/summary': reason } })], expect: { severity: 'warning', message: 'alert/summary' } }],
});
