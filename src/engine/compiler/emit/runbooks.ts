import { alertRunbookMissing, runbookMissing, type RunbookIndex } from '../../../library/alerts/checks/index.js';
import type { AlertRule } from '../../../library/alerts/define.js';
import { diagnose } from '../../../library/diagnostics/check.js';
import type { Diagnostic } from '../../../library/diagnostics/diagnostic.js';
import { runbookFacts, type RunbookSubject } from '../../runbooks/facts.js';
import { runbookRenderer } from '../../runbooks/render.js';
import { kebab } from '../../../library/text.js';
import type { AnalyzedProject, AnalyzedRule } from '../analyze.js';
import { dashboardUrl, runbookPath, runbookUrl } from './links.js';
import { loadRunbookTemplates } from './runbookTemplates.js';
import { generatedHeader } from './yaml.js';

/** generated/runbooks/<path>.md for an alert whose runbook_url is `<base>/<path>`; none for an external URL. */
export function runbookFile(rule: AlertRule): string | undefined {
  const path = runbookPath(rule);
  if (path === undefined) return undefined;
  const rel = path.replace(/\.md$/, '');
  const safe = rel.split('/').every((part) => part !== '' && part !== '.' && part !== '..');
  return `runbooks/${safe ? rel : kebab(rule.name)}.md`;
}

/** Alerts by name, in definition order: an SLO's tiers share one name and so one runbook. */
function byName(analyzed: AnalyzedProject): Map<string, AnalyzedRule<AlertRule>[]> {
  const out = new Map<string, AnalyzedRule<AlertRule>[]>();
  for (const r of analyzed.rules) {
    if (r.rule.kind !== 'alert') continue;
    const list = out.get(r.rule.name) ?? [];
    list.push(r as AnalyzedRule<AlertRule>);
    out.set(r.rule.name, list);
  }
  return out;
}

/**
 * One Markdown runbook per alert name, from the project's runbooks/ templates (or the
 * built-in layout), and the `alert/runbook-missing` check, which needs to know which
 * per-alert files exist: only this step reads runbooks/.
 */
export function compileRunbooks(analyzed: AnalyzedProject, receiversOf: ReadonlyMap<AlertRule, readonly string[]> = new Map()): { files: Map<string, string>; diagnostics: Diagnostic[] } {
  const { root, project } = analyzed.loaded;
  const files = new Map<string, string>();
  const { templates, adopted } = loadRunbookTemplates(root);
  const renderer = runbookRenderer(templates);
  const diagnostics = [...renderer.diagnostics];
  const index: RunbookIndex = { content: new Set(Object.keys(templates.content)), sloAlerts: new Set(analyzed.sloTiers.map((t) => t.rule.name)) };
  const seen = new Set<string>();
  for (const [name, entries] of byName(analyzed)) {
    const first = entries[0]!;
    if (adopted) {
      const paging = entries.find((e) => e.rule.severity === 'page') ?? first;
      for (const { field, ...f } of runbookMissing(paging.rule, index)) {
        diagnostics.push(diagnose(alertRunbookMissing, { ...f, path: `${name}.${field}`, source: paging.rule.source }));
      }
    }
    const file = runbookFile(first.rule);
    if (!file || !renderer.render) continue;
    const subject: RunbookSubject = {
      rules: entries.map((e) => e.rule),
      group: first.group.name,
      tiers: analyzed.sloTiers.filter((t) => t.rule.name === name),
    };
    const links = { runbookUrl: runbookUrl(first.rule, project), dashboardUrl: dashboardUrl(first.rule, project, analyzed.dashboardUids) };
    const facts = runbookFacts(subject, project, links, null, receiversOf);
    const { text, diagnostic } = renderer.render(facts);
    // A broken shared template fails every alert the same way: report it once.
    const key = diagnostic && `${diagnostic.file}:${diagnostic.line}:${diagnostic.message}`;
    if (key && !seen.has(key)) diagnostics.push({ ...diagnostic!, path: name });
    if (key) seen.add(key);
    if (text !== undefined) files.set(file, `<!-- ${generatedHeader(first.module.relPath).slice(2).trim()} -->\n\n${text}`);
  }
  return { files, diagnostics };
}

