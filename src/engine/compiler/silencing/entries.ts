import type { SourceLocation } from '../../../library/diagnostics/diagnostic.js';
import type { Ignore } from '../../../library/diagnostics/ignore.js';
import type { LoadedProject } from '../model.js';
import type { IgnoreEntry } from '../../checks/ignore/entry.js';

export function siteKey(s: { file?: string | undefined; line?: number | undefined; column?: number | undefined } | undefined): string {
  return s ? `${s.file}:${s.line}:${s.column}` : '';
}

function entriesOf(ignore: Ignore | undefined, base: Omit<IgnoreEntry, 'code' | 'reason'>): IgnoreEntry[] {
  if (ignore === undefined || ignore === null || typeof ignore !== 'object') return [];
  return Object.entries(ignore).map(([code, reason]) => ({ ...base, code, reason }));
}

const sites = (...sources: Array<SourceLocation | undefined>) => new Set(sources.filter((s) => s !== undefined).map(siteKey));

/**
 * Every `ignore` entry of the project's definitions. A definition covers the findings reported
 * at its call site: a rule's query and fields, an SLO's and the burn-rate alerts it compiles to,
 * a dashboard's and its panels', the routing's and its receivers'.
 */
export function ignoreEntries(loaded: LoadedProject): IgnoreEntry[] {
  const out: IgnoreEntry[] = [];
  for (const catalog of loaded.catalogs) {
    for (const [key, metric] of Object.entries(catalog.metrics)) {
      const info = metric.info;
      out.push(...entriesOf(info.ignore, { owner: `metric "${info.name}"`, source: info.source, path: `${key}.ignore`, covers: sites(info.source), breadth: 0 }));
    }
  }
  for (const m of loaded.modules) {
    for (const group of m.groups) {
      for (const rule of group.rules) {
        out.push(...entriesOf(rule.ignore, { owner: `${rule.kind === 'alert' ? 'alert' : 'recording rule'} "${rule.name}"`, source: rule.source, path: `${rule.name}.ignore`, covers: sites(rule.source), breadth: 0 }));
      }
      const covers = sites(group.source, ...group.rules.map((r) => r.source));
      out.push(...entriesOf(group.ignore, { owner: `rule group "${group.name}"`, source: group.source, path: `${group.name}.ignore`, covers, breadth: 1 }));
    }
    for (const slo of m.slos) {
      out.push(...entriesOf(slo.ignore, { owner: `SLO "${slo.service}/${slo.name}"`, source: slo.source, path: `${slo.service}/${slo.name}.ignore`, covers: sites(slo.source), breadth: 0 }));
    }
    for (const d of m.dashboards) {
      out.push(...entriesOf(d.ignore, { owner: `dashboard "${d.slug}"`, source: d.source, path: `${d.slug}.ignore`, covers: sites(d.source, ...d.panels.map((p) => p.source)), breadth: 0 }));
    }
    for (const r of m.routings) {
      out.push(...entriesOf(r.ignore, { owner: 'the routing', source: r.source, path: 'routing.ignore', covers: sites(r.source, ...r.receivers.map((x) => x.source)), breadth: 0 }));
    }
  }
  const { project } = loaded;
  out.push(...entriesOf(project.ignore, { owner: 'the project', source: project.source, path: 'project.ignore', breadth: 2 }));
  return out;
}
