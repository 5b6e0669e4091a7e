import type { RecordingRule } from '../../library/alerts/define.js';
import type { Catalog } from '../../library/catalog/define.js';
import type { AnyMetric } from '../../library/catalog/metric.js';
import type { MetricIndex } from '../../library/catalog/metricIndex.js';
import type { Snippet } from '../../library/diagnostics/diagnostic.js';
import { matchesLabel } from '../goregexp/index.js';
import { selectorMetricName, walk, type Span, type VectorSelector } from '../../library/promql/ast.js';
import { parsePromQL } from '../../library/promql/parse.js';
import { sliQueries } from '../../library/slo/compile.js';
import { sloId } from '../../library/slo/define.js';
import type { LoadedProject } from './model.js';
import type { ProjectDashboard } from './dashboards.js';
import { targetQueries } from '../../library/dashboards/checks/index.js';
import type { MetricRead, Reader } from '../instrumentation/readers.js';

/**
 * Every hand-written alert and recording rule and every SLO of the project. Dashboards are
 * readers too, from the analysed project: see `dashboardReaders`.
 */
export function readersOf(loaded: LoadedProject): Reader[] {
  const readers: Reader[] = [];
  for (const module of loaded.modules) {
    for (const group of module.groups) {
      for (const rule of group.rules) {
        readers.push({
          kind: rule.kind === 'alert' ? 'alert' : 'recording rule',
          name: rule.name,
          path: `${rule.name}.expr`,
          source: rule.source,
          queries: [rule.expr],
          throughRecordings: rule.kind === 'alert',
          ownText: true,
        });
      }
    }
    for (const slo of module.slos) {
      readers.push({ kind: 'SLO', name: sloId(slo), path: `${sloId(slo)}.sli`, source: slo.source, queries: sliQueries(slo.sli), throughRecordings: true, ownText: false });
    }
  }
  return readers;
}

/**
 * Every panel of the project's own dashboards that runs queries, as a reader: the queries with
 * their Grafana variables expanded (so they parse), read through recording rules like an
 * alert's. Generated SLO dashboards read exactly what their SLO reads, which the SLO's own
 * reader already answers for.
 */
export function dashboardReaders(dashboards: readonly ProjectDashboard[], scrapeIntervalMs: number): Reader[] {
  const readers: Reader[] = [];
  for (const { definition, generated } of dashboards) {
    if (generated) continue;
    const byPanel = new Map<number, string[]>();
    for (const t of targetQueries(definition, scrapeIntervalMs)) byPanel.set(t.panel, [...(byPanel.get(t.panel) ?? []), t.expanded.text]);
    for (const [panel, queries] of byPanel) {
      const origin = definition.panels[panel];
      readers.push({
        kind: 'dashboard',
        name: `${definition.slug}: ${origin?.title ?? `panels[${panel}]`}`,
        path: `${definition.slug}.panels[${panel}].targets`,
        source: origin?.source ?? definition.source,
        queries,
        throughRecordings: true,
        // The expanded text is not what the user wrote: no underlining.
        ownText: false,
      });
    }
  }
  return readers;
}

/** Whether a rule recording `name` with static `labels` can produce a series the selector selects. */
function mayProduce(selector: VectorSelector, rule: RecordingRule): boolean {
  return selector.matchers.every((m) => {
    const value = rule.labels[m.name];
    if (m.name === '__name__' || value === undefined) return true;
    try {
      return matchesLabel(m, value);
    } catch {
      return true; // an invalid regex is promql/regex's to report
    }
  });
}

/**
 * The catalog series each reader reads, directly or (for readers that consume recordings)
 * through the recording rules of the project, SLO rules included, whose static labels fit the
 * selector: an alert on `slo:sli_error:ratio_rate5m{slo_id="a"}` reads what SLO "a" reads,
 * not every SLO's metrics.
 */
export function metricReads(readers: readonly Reader[], recordings: ReadonlyMap<string, readonly RecordingRule[]>, index: MetricIndex): MetricRead[] {
  const out: MetricRead[] = [];
  for (const reader of readers) {
    const seen = new Set<RecordingRule>();
    const visit = (query: string, via: { rule: string; snippet?: Snippet | undefined } | undefined): void => {
      const parsed = parsePromQL(query);
      if (!parsed.ok) return; // promql/syntax reports it
      walk(parsed.expr, (node) => {
        if (node.type !== 'vector') return;
        const name = selectorMetricName(node);
        if (!name) return;
        const snippet = via ? via.snippet : reader.ownText ? spanSnippet(query, node.span) : undefined;
        const rules = recordings.get(name);
        if (rules) {
          if (!reader.throughRecordings) return;
          for (const rule of rules) {
            if (seen.has(rule) || !mayProduce(node, rule)) continue;
            seen.add(rule);
            visit(rule.expr, via ?? { rule: rule.name, snippet });
          }
          return;
        }
        const origin = index.get(name)?.origin;
        if (origin?.kind === 'metric') out.push({ reader, series: name, metric: origin.metric, catalog: origin.catalog, via: via?.rule, snippet });
      });
    };
    for (const query of reader.queries) visit(query, undefined);
  }
  return out;
}

function spanSnippet(text: string, span: Span | undefined): Snippet | undefined {
  return span ? { text, from: span.from, to: span.to } : undefined;
}

/** Every recording rule of the project by the name it records, SLO rules included. */
export function recordingsByName(loaded: LoadedProject): Map<string, RecordingRule[]> {
  const out = new Map<string, RecordingRule[]>();
  for (const module of loaded.modules) {
    for (const group of module.groups) {
      for (const rule of group.rules) if (rule.kind === 'record') out.set(rule.name, [...(out.get(rule.name) ?? []), rule]);
    }
  }
  return out;
}
