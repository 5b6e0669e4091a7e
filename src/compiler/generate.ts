import path from 'node:path';
import type { Project as TsProject } from 'ts-morph';
import { hasErrors, type Diagnostic } from '../toolkit/diagnostics/diagnostic.js';
import { analyze } from './analyze.js';
import { compileArtifacts } from './compile.js';
import { discover, GENERATED_DIR, missingConfig } from './discover.js';
import { loadProject } from './load.js';
import { finalize } from './finalize.js';
import { validateShapes } from './schema.js';
import { typecheck } from './typecheck.js';
import { diffArtifacts, hasDrift, writeArtifacts, type ArtifactSet, type Drift } from './write.js';

export interface GenerateOptions {
  root: string;
  /** Compare with generated/ instead of writing it. */
  check?: boolean;
}

export type GenerateStatus = 'ok' | 'errors' | 'drift';

export interface GenerateResult {
  status: GenerateStatus;
  diagnostics: Diagnostic[];
  artifacts?: ArtifactSet;
  drift?: Drift;
  outDir: string;
}

/**
 * The whole `lookout generate` pipeline: discover → type-check → load → validate shapes →
 * analyze → compile → write (or compare). Stops at the first stage with errors, and never
 * touches generated/ unless every stage succeeded.
 */
export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  const root = path.resolve(options.root);
  const outDir = path.join(root, GENERATED_DIR);
  const files = await discover(root);
  if ('missing' in files) return { status: 'errors', diagnostics: [missingConfig(root, files.missing)], outDir };
  const stop = (diagnostics: Diagnostic[], program?: TsProject): GenerateResult => ({ status: 'errors', diagnostics: finalize(diagnostics, root, program), outDir });

  const { diagnostics: typeDiagnostics, program } = typecheck(files);
  if (hasErrors(typeDiagnostics)) return stop(typeDiagnostics, program);

  const { loaded, diagnostics: loadDiagnostics } = await loadProject(files);
  const all = [...typeDiagnostics, ...loadDiagnostics];
  if (!loaded || hasErrors(all)) return stop(all, program);

  all.push(...validateShapes(loaded));
  if (hasErrors(all)) return stop(all, program);

  const { analyzed, diagnostics: checkDiagnostics } = analyze(loaded);
  all.push(...checkDiagnostics);
  if (hasErrors(all)) return stop(all, program);

  const { artifacts, diagnostics: compileDiagnostics } = compileArtifacts(analyzed);
  all.push(...compileDiagnostics);
  if (hasErrors(all)) return stop(all, program);

  const diagnostics = finalize(all, root, program);
  if (options.check) {
    const drift = await diffArtifacts(outDir, artifacts);
    return { status: hasDrift(drift) ? 'drift' : 'ok', diagnostics, artifacts, drift, outDir };
  }
  const drift = await writeArtifacts(outDir, artifacts);
  return { status: 'ok', diagnostics, artifacts, drift, outDir };
}
