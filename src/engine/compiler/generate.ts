import path from 'node:path';
import { hasErrors, sortDiagnostics, type Diagnostic } from '../../library/diagnostics/diagnostic.js';
import type { SilencedFinding } from './silencing/silence.js';
import { recordRun, unchangedSinceLastRun } from './cache/lastRun.js';
import { CacheStore, cacheDirOf, DEFAULT_CACHE_MAX_BYTES, PRUNED_KINDS } from './cache/store.js';
import { discover, GENERATED_DIR, ignoredDefinitionModules, missingConfig } from './discover.js';
import { compileIsolated } from './isolate/compileIsolated.js';
import { withProjectLock } from './lock.js';
import { Timings, type Span } from './timings.js';
import { typecheckInThread, type TypeChecked } from './typecheckThread.js';
import { diffArtifacts, hasDrift, writeArtifacts, type ArtifactSet, type Drift } from './write.js';

export interface GenerateOptions {
  root: string;
  /** Compare with generated/ instead of writing it. */
  check?: boolean;
  /** Use the cache (default). Without it the output is the same, only slower to get. */
  cache?: boolean;
}

export type GenerateStatus = 'ok' | 'errors' | 'drift';

export interface GenerateResult {
  status: GenerateStatus;
  diagnostics: Diagnostic[];
  /** Findings `ignore` entries kept quiet in this run (none when it came from the cache). */
  silenced?: SilencedFinding[];
  artifacts?: ArtifactSet;
  drift?: Drift;
  outDir: string;
  /** Nothing changed since the last successful generate: no stage ran. */
  upToDate?: boolean;
  /** Alerts whose promtool tests came from the cache, of all alerts (when the compiler ran). */
  synthesis?: { alerts: number; cached: number };
  /** What the cache ignored or could not do; never a reason to fail. */
  cacheNotes: string[];
  /** Where the time went, stage by stage. */
  timings: Span[];
}

const NO_DRIFT: Drift = { changed: [], missing: [], extra: [] };

/**
 * The whole `lookout generate` pipeline: discover → type-check → load → validate shapes →
 * analyze → compile → write (or compare). Stops at the first stage with errors, and never
 * touches generated/ unless every stage succeeded. When nothing the last successful run read
 * has changed and generated/ holds what it wrote, no stage runs at all; otherwise each alert's
 * tests come from the cache when that alert's inputs are unchanged.
 */
export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  const timings = new Timings();
  const originEpochMs = performance.timeOrigin + performance.now();
  const root = path.resolve(options.root);
  const outDir = path.join(root, GENERATED_DIR);
  const files = await discover(root);
  if ('missing' in files) return { status: 'errors', diagnostics: [missingConfig(root, files.missing)], outDir, cacheNotes: [], timings: timings.spans };
  // Found afresh on every run, cached or not: adding such a file changes no input of the last run.
  const ignored = await timings.time('look for definitions outside the definition folders', () => ignoredDefinitionModules(files));
  const store = options.cache === false ? undefined : new CacheStore(cacheDirOf(root));
  const last = store && (await timings.time('compare with the last run', () => unchangedSinceLastRun(root, store)));
  if (store && last) {
    return { status: 'ok', diagnostics: [...ignored, ...last.diagnostics], silenced: last.silenced, artifacts: last.outputs, drift: NO_DRIFT, outDir, upToDate: true, cacheNotes: store.notes, timings: timings.spans };
  }

  // The type check starts first, on its own thread; the definitions are loaded and compiled
  // on another (the compiler loads there, not here), watched from here.
  const typeChecking = timings.time('type check (own thread)', () => typecheckInThread(files, store));
  typeChecking.catch(() => undefined);
  const compiled = await compileWithTypeCheck(files, store, typeChecking, { timings, originEpochMs });
  if (compiled.status === 'errors') return { status: 'errors', diagnostics: [...ignored, ...compiled.diagnostics], silenced: compiled.silenced, outDir, cacheNotes: store?.notes ?? [], timings: timings.spans };
  const { artifacts, diagnostics, synthesis, silenced } = compiled;
  const { drift, status } = await timings.time(options.check ? 'compare with generated/' : 'write generated/', () => withProjectLock(root, async () => {
    const drift = options.check ? await diffArtifacts(outDir, artifacts) : await writeArtifacts(outDir, artifacts);
    const status: GenerateStatus = options.check && hasDrift(drift) ? 'drift' : 'ok';
    // generated/ now holds exactly these files (written, or found equal by the check).
    if (store && status === 'ok') recordRun(store, files, compiled.read, artifacts, diagnostics, silenced);
    return { drift, status };
  }));
  store?.prune(PRUNED_KINDS, DEFAULT_CACHE_MAX_BYTES);
  return { status, diagnostics: [...ignored, ...diagnostics], silenced, artifacts, drift, outDir, synthesis, cacheNotes: store?.notes ?? [], timings: timings.spans };
}

type Compiled =
  | { status: 'errors'; diagnostics: Diagnostic[]; silenced?: SilencedFinding[] }
  | { status: 'ok'; diagnostics: Diagnostic[]; silenced: SilencedFinding[]; artifacts: ArtifactSet; read: string[]; synthesis: { alerts: number; cached: number } };

/**
 * The compiled definitions (isolated) and the type check (its own thread), run at once. The
 * type check's errors win, as if it had run first: they stop the compiler's thread and are
 * all that is reported.
 */
async function compileWithTypeCheck(
  files: Parameters<typeof compileIsolated>[0],
  store: CacheStore | undefined,
  typeChecking: Promise<TypeChecked>,
  timings: Parameters<typeof compileIsolated>[2],
): Promise<Compiled> {
  const typeErrors = new AbortController();
  void typeChecking.then(
    (t) => hasErrors(t.diagnostics) && typeErrors.abort(),
    () => typeErrors.abort(),
  );
  const isolating = timings.timings.time('load and compile the definitions (own thread)', () => compileIsolated(files, store?.dir, timings, typeErrors.signal));
  // Definitions the type check rejects may trip the compiler: its errors come first.
  const [isolated, typed] = await Promise.all([isolating.catch((e: unknown) => e as Error), typeChecking]);
  if (hasErrors(typed.diagnostics)) return { status: 'errors', diagnostics: sortDiagnostics(typed.diagnostics) };
  if (isolated instanceof Error) throw isolated;
  store?.notes.push(...isolated.cacheNotes);
  const compiled = isolated.compiled;
  const diagnostics = sortDiagnostics([...typed.diagnostics, ...compiled.diagnostics]);
  if (compiled.status === 'errors') return { status: 'errors', diagnostics, silenced: compiled.silenced };
  return { status: 'ok', diagnostics, silenced: compiled.silenced, artifacts: compiled.artifacts, read: [...new Set([...typed.read, ...compiled.imported])], synthesis: compiled.synthesis };
}
