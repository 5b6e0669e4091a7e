import type { Diagnostic } from '../toolkit/diagnostics/diagnostic.js';
import { hasErrors } from '../toolkit/diagnostics/diagnostic.js';
import { analyze, type AnalyzedProject } from './analyze.js';
import { compileAlertTests } from './alertTests.js';
import type { CacheStore } from './cache/store.js';
import { compileOutputs, compileTestFiles } from './compile.js';
import type { ProjectFiles } from './discover.js';
import { finalize } from './finalize.js';
import { loadProject } from './load.js';
import { validateShapes } from './schema.js';
import { Timings } from './timings.js';
import type { TypeChecked } from './typecheckThread.js';
import type { ArtifactSet } from './write.js';

export type Compiled =
  | { status: 'errors'; diagnostics: Diagnostic[] }
  | {
      status: 'ok';
      diagnostics: Diagnostic[];
      artifacts: ArtifactSet;
      /** Every file the run read: the project's modules and configuration, and what it imported. */
      read: string[];
      /** Alerts whose promtool tests came from the cache, of all alerts. */
      synthesis: { alerts: number; cached: number };
    };

/**
 * The compiler's stages: type-check → load → validate shapes → analyze → synthesize tests →
 * compile. The type check (`typeChecking`, see typecheckInThread) runs on its own thread from
 * the start; the other stages do not wait for it, but its errors win, as if it had run first:
 * they stop the test synthesis and the writing of the other files, and are all that is
 * reported. Stops at the first stage with errors.
 */
export async function compileProject(files: ProjectFiles, store: CacheStore | undefined, typeChecking: Promise<TypeChecked>, timings = new Timings()): Promise<Compiled> {
  const root = files.root;
  const stop = async (diagnostics: Diagnostic[]): Promise<Compiled> => ({ status: 'errors', diagnostics: await finalize(diagnostics, root, 'syntax') });
  const typeErrors = new AbortController();
  void typeChecking.then(
    (t) => hasErrors(t.diagnostics) && typeErrors.abort(new Error('the type check found errors')),
    () => typeErrors.abort(new Error('the type check failed')),
  );
  try {
    const loaded = await timings.time('load definitions', () => loadProject(files));
    const all = [...loaded.diagnostics];
    let analyzed: AnalyzedProject | undefined;
    if (loaded.loaded && !hasErrors(all)) {
      all.push(...validateShapes(loaded.loaded));
      if (!hasErrors(all)) {
        const result = await timings.time('analyze', () => analyze(loaded.loaded!));
        all.push(...result.diagnostics);
        analyzed = result.analyzed;
      }
    }
    if (!analyzed || hasErrors(all)) {
      const typed = await typeChecking;
      return stop(hasErrors(typed.diagnostics) ? typed.diagnostics : [...typed.diagnostics, ...all]);
    }
    // The tests are synthesized on worker threads while this thread writes everything else.
    const synthesis = timings.time('promtool test synthesis (worker threads)', () => compileAlertTests(analyzed, store, typeErrors.signal));
    synthesis.catch(() => undefined);
    const outputs = await timings.time('rules, dashboards, runbooks', () => compileOutputs(analyzed, typeErrors.signal));
    const tests = await synthesis;
    const typed = await typeChecking;
    const artifacts = new Map([...outputs.artifacts, ...(await timings.time('test files', () => compileTestFiles(outputs.units, tests.alerts)))]);
    all.unshift(...typed.diagnostics);
    all.push(...outputs.diagnostics, ...tests.diagnostics);
    if (hasErrors(all)) return stop(all);
    return {
      status: 'ok',
      diagnostics: await finalize(all, root, 'syntax'),
      artifacts,
      read: [...new Set([...typed.read, ...loaded.imported])],
      synthesis: { alerts: tests.alerts.length, cached: tests.cached },
    };
  } catch (e) {
    // Definitions the type check rejects may trip the stages after it (or were stopped by it):
    // its errors come first.
    const typed = await typeChecking;
    if (hasErrors(typed.diagnostics)) return stop(typed.diagnostics);
    throw e;
  }
}
