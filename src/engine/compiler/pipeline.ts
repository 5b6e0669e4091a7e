import type { Diagnostic } from '../../library/diagnostics/diagnostic.js';
import { hasErrors } from '../../library/diagnostics/diagnostic.js';
import { analyze, type AnalyzedProject } from './analyze.js';
import { compileAlertTests } from './alertTests.js';
import type { CacheStore } from './cache/store.js';
import { compileOutputs, compileTestFiles } from './compile.js';
import type { ProjectFiles } from './discover.js';
import { finalize } from './finalize.js';
import { knowAlertSources, working } from './isolate/progress.js';
import { SynthesisTimeout, synthesisTimeoutDiagnostic } from './isolate/synthesisTimeout.js';
import { loadProject } from './load.js';
import { validateShapes } from './schema.js';
import { silencingFor } from './silencing/load.js';
import type { SilencedFinding } from './silencing/silence.js';
import { Timings } from './timings.js';
import type { ArtifactSet } from './write.js';

export type DefinitionsCompiled =
  | { status: 'errors'; diagnostics: Diagnostic[]; silenced?: SilencedFinding[] }
  | {
      status: 'ok';
      diagnostics: Diagnostic[];
      /** Findings `ignore` entries kept quiet, located like diagnostics. */
      silenced: SilencedFinding[];
      artifacts: ArtifactSet;
      /** Every file the definitions imported: the project's modules and what they import. */
      imported: string[];
      /** Alerts whose promtool tests came from the cache, of all alerts. */
      synthesis: { alerts: number; cached: number };
    };

/**
 * The compiler's stages after the type check: load → validate shapes → analyze → synthesize
 * tests → compile. Runs the project's code (its modules, its callbacks, its templates), so
 * `lookout generate` runs it on a thread of its own (isolate/compileIsolated.ts); each stage
 * says what it runs (`working`), which is what a time-out or a crash is reported against.
 * Stops at the first stage with errors.
 */
export async function compileDefinitions(files: ProjectFiles, store: CacheStore | undefined, timings = new Timings()): Promise<DefinitionsCompiled> {
  const root = files.root;
  let silencing: Awaited<ReturnType<typeof silencingFor>>;
  const located = async () => {
    const silenced = silencing?.silenced ?? [];
    await finalize(silenced.map((s) => s.diagnostic), root, 'syntax');
    return silenced;
  };
  const stop = async (diagnostics: Diagnostic[]): Promise<DefinitionsCompiled> => ({ status: 'errors', diagnostics: await finalize(diagnostics, root, 'syntax'), silenced: await located() });
  const loaded = await timings.time('load definitions', () => loadProject(files));
  const all = [...loaded.diagnostics];
  let analyzed: AnalyzedProject | undefined;
  if (loaded.loaded && !hasErrors(all)) {
    working({ doing: 'checking the definitions' });
    all.push(...validateShapes(loaded.loaded));
    silencing = hasErrors(all) ? undefined : await silencingFor(loaded.loaded);
    if (silencing) all.push(...silencing.problems);
    if (!hasErrors(all)) {
      working({ doing: 'analyzing the definitions' });
      const result = await timings.time('analyze', () => analyze(loaded.loaded!));
      all.push(...(silencing ? silencing.apply(result.diagnostics) : result.diagnostics));
      analyzed = result.analyzed;
    }
  }
  if (!analyzed || hasErrors(all)) return stop(all);
  knowAlertSources(analyzed.rules.flatMap((r) => (r.rule.kind === 'alert' && r.rule.source ? [[r.rule.name, r.rule.source] as const] : [])));
  // The tests are synthesized on worker threads while this thread writes everything else.
  const synthesis = timings.time('promtool test synthesis (worker threads)', () => compileAlertTests(analyzed, store));
  synthesis.catch(() => undefined);
  working({ doing: 'compiling the rules, dashboards and runbooks' });
  const outputs = await timings.time('rules, dashboards, runbooks', () => compileOutputs(analyzed));
  working({ doing: 'waiting for the test synthesis', untimed: true });
  let tests: Awaited<typeof synthesis>;
  try {
    tests = await synthesis;
  } catch (e) {
    if (e instanceof SynthesisTimeout) return stop([...all, ...outputs.diagnostics, synthesisTimeoutDiagnostic(e)]);
    throw e;
  }
  working({ doing: 'writing the test files' });
  const artifacts = new Map([...outputs.artifacts, ...(await timings.time('test files', () => compileTestFiles(outputs.units, tests.alerts)))]);
  const later = [...outputs.diagnostics, ...tests.diagnostics];
  all.push(...(silencing ? [...silencing.apply(later), ...silencing.unused()] : later));
  if (hasErrors(all)) return stop(all);
  return {
    status: 'ok',
    diagnostics: await finalize(all, root, 'syntax'),
    silenced: await located(),
    artifacts,
    imported: loaded.imported,
    synthesis: { alerts: tests.alerts.length, cached: tests.cached },
  };
}
