import path from 'node:path';
import type { Catalog } from '../../library/catalog/define.js';
import { hasErrors, type Diagnostic } from '../../library/diagnostics/diagnostic.js';
import { analyze } from './analyze.js';
import { discover, missingConfig } from './discover.js';
import { finalize } from './finalize.js';
import { loadProject } from './load.js';
import { relative } from './paths.js';
import { validateShapes } from './schema.js';
import { silencingFor } from './silencing/load.js';
import type { SilencedFinding } from './silencing/silence.js';
import { EntryTable, locateCatalog, type LocatedCatalog } from '../instrumentation/catalogEntries.js';
import { recordingCalls } from '../instrumentation/emissions.js';
import { checkMetricsNeverEmitted } from '../instrumentation/metricNeverEmitted.js';
import { checkMetricsOutsideCatalog } from '../instrumentation/metricOutsideCatalog.js';
import { lintProgram } from '../instrumentation/program.js';
import { checkPromClientImports } from '../instrumentation/promClientImport.js';
import { checkReadsNeverEmitted } from '../instrumentation/readButNeverEmitted.js';
import { dashboardReaders, metricReads, readersOf, recordingsByName } from './reads.js';
import { checkServiceConfig } from '../instrumentation/serviceConfig.js';
import { serviceFiles } from '../instrumentation/sources.js';
import { InstrumentTracer } from '../instrumentation/trace.js';
import { checkUntracedRecordings } from '../instrumentation/untracedRecording.js';

/** `no-services`: the project declares no services, so there is nothing to prove. */
export type LintStatus = 'ok' | 'errors' | 'no-services';

export interface LintSummary {
  services: number;
  files: number;
  /** Entries of the services' catalogs, and how many of them some source records. */
  metrics: number;
  emitted: number;
  /** Alerts, recording rules and SLOs whose reads were checked. */
  readers: number;
  /** Dashboard panels whose queries were checked (hand-written dashboards; the generated SLO ones read what their SLO reads). */
  panels: number;
}

/** What one recording call was traced to: the evidence that its metrics are emitted. */
export interface TracedRecording {
  /** Project-relative file and 1-based line of the call. */
  file: string;
  line: number;
  /** The call as written, without its arguments: `m.requests.inc`. */
  call: string;
  /** Keys of the catalog entries it records. */
  metrics: string[];
}

export interface LintResult {
  status: LintStatus;
  diagnostics: Diagnostic[];
  summary?: LintSummary;
  recordings?: TracedRecording[];
  /** Findings `ignore` entries kept quiet: lint's own and the analysis' (those of the routing and test synthesis are generate's). */
  silenced?: SilencedFinding[];
}

/**
 * `lookout lint`: proves the services and the monitoring agree. In every service's sources no
 * metric is created outside the catalog, every catalog metric is recorded through
 * `instrument(catalog)`, and every catalog metric an alert, recording rule, SLO or dashboard panel reads is one
 * of those recorded. Recordings are found with the type checker, following each instrument
 * back to its catalog entry, so aliases, destructuring and typed helpers count.
 */
export async function lint(options: { root: string }): Promise<LintResult> {
  const root = path.resolve(options.root);
  const found = await discover(root);
  if ('missing' in found) return { status: 'errors', diagnostics: [missingConfig(root, found.missing)] };
  const { loaded, diagnostics: loadDiagnostics } = await loadProject(found);
  const early = loaded ? [...loadDiagnostics, ...validateShapes(loaded)] : loadDiagnostics;
  if (!loaded || hasErrors(early)) return { status: 'errors', diagnostics: await finalize(early, root, undefined) };
  const { project } = loaded;
  if (project.services.length === 0) return { status: 'no-services', diagnostics: [] };

  const perService = project.services.map((s) => serviceFiles(root, s, s.catalog.source?.file));
  const program = lintProgram(root, [...new Set(perService.flatMap((s) => s.files))]);
  const located = new Map<Catalog, LocatedCatalog>();
  const unlocated = new Map<Catalog, string>();
  for (const catalog of new Set(project.services.map((s) => s.catalog))) {
    const l = locateCatalog(program, catalog);
    if ('problem' in l) unlocated.set(catalog, l.problem);
    else located.set(catalog, l);
  }
  const silencing = await silencingFor(loaded);
  const diagnostics = [...(silencing?.problems ?? []), ...checkServiceConfig(project, perService, unlocated)];

  // Per file, once even when two services share it; recordings count for each service's own catalog.
  const tracer = new InstrumentTracer(new EntryTable([...located.values()]));
  const checked = new Map<string, ReturnType<typeof recordingCalls>>();
  const emitted = new Map<Catalog, Set<string>>([...located.keys()].map((c) => [c, new Set<string>()]));
  const untraced = new Map<Catalog, number>();
  project.services.forEach((service, i) => {
    const catalogFile = service.catalog.source ? relative(root, service.catalog.source.file) : 'the catalog';
    for (const file of perService[i]!.files) {
      let calls = checked.get(file);
      if (!calls) {
        const sf = program.getSourceFileOrThrow(file);
        calls = recordingCalls(sf, tracer);
        checked.set(file, calls);
        diagnostics.push(...checkPromClientImports(sf), ...checkMetricsOutsideCatalog(sf, catalogFile), ...checkUntracedRecordings(calls));
      }
      for (const call of calls) {
        for (const entry of call.trace.entries) if (entry.catalog === service.catalog) emitted.get(service.catalog)?.add(entry.key);
        if (!call.trace.complete) untraced.set(service.catalog, (untraced.get(service.catalog) ?? 0) + 1);
      }
    }
  });
  for (const [catalog, l] of located) {
    const sources = project.services.filter((s) => s.catalog === catalog).flatMap((s) => s.sources).join(', ');
    diagnostics.push(...checkMetricsNeverEmitted(l, emitted.get(catalog)!, sources, untraced.get(catalog) ?? 0));
  }

  // Analysis supplies every recording rule, those compiled from SLOs included; its own
  // diagnostics are `lookout generate`'s to report, but what `ignore` silences among them is listed here.
  const { analyzed, diagnostics: analysis } = analyze(loaded);
  silencing?.apply(analysis);
  const rules = readersOf(loaded);
  const panels = dashboardReaders(analyzed.dashboards, analyzed.scrapeIntervalMs);
  diagnostics.push(...checkReadsNeverEmitted(metricReads([...rules, ...panels], recordingsByName(analyzed.loaded), analyzed.index), emitted));

  const summary: LintSummary = {
    services: project.services.length,
    files: checked.size,
    metrics: [...located.values()].reduce((n, l) => n + l.entries.length, 0),
    emitted: [...emitted.values()].reduce((n, keys) => n + keys.size, 0),
    readers: rules.length,
    panels: panels.length,
  };
  const recordings = [...checked.entries()].flatMap(([file, calls]) =>
    calls.map((c) => ({
      file: relative(root, file),
      line: c.call.getStartLineNumber(),
      call: c.call.getExpression().getText().replace(/\s+/g, ''),
      metrics: [...c.trace.entries].map((e) => e.key).sort(),
    })),
  );
  const kept = silencing ? silencing.apply(diagnostics) : diagnostics;
  const silenced = silencing?.silenced ?? [];
  await finalize(silenced.map((s) => s.diagnostic), root, program);
  return { status: hasErrors(kept) ? 'errors' : 'ok', diagnostics: await finalize(kept, root, program), summary, recordings, silenced };
}
