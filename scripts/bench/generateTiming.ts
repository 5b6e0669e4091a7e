import { analyze } from '../../src/engine/compiler/analyze.js';
import { compileAlertTests } from '../../src/engine/compiler/alertTests.js';
import { compileOutputs, compileTestFiles } from '../../src/engine/compiler/compile.js';
import { discover, GENERATED_DIR } from '../../src/engine/compiler/discover.js';
import { generate } from '../../src/engine/compiler/generate.js';
import { loadProject } from '../../src/engine/compiler/load.js';
import { validateShapes } from '../../src/engine/compiler/schema.js';
import { typecheck } from '../../src/engine/compiler/typecheck.js';
import { writeArtifacts, type ArtifactSet } from '../../src/engine/compiler/write.js';
import path from 'node:path';

/**
 * Times `lookout generate` on a benchmark project: end to end through generate(), or stage
 * by stage through the same functions in the same order, since generate() reports no phases.
 */

export interface GenerateTiming {
  totalMs: number;
  artifacts: ArtifactSet;
  warnings: number;
}

export async function timeGenerate(root: string): Promise<GenerateTiming> {
  const t = performance.now();
  const result = await generate({ root, cache: false });
  const totalMs = performance.now() - t;
  if (result.status !== 'ok' || !result.artifacts) {
    const first = result.diagnostics.filter((d) => d.severity === 'error').slice(0, 5);
    throw new Error(`generate failed on the benchmark project ${root}:\n${first.map((d) => `${d.file}:${d.line ?? 0} ${d.code} ${d.message}`).join('\n')}`);
  }
  return { totalMs, artifacts: result.artifacts, warnings: result.diagnostics.filter((d) => d.severity === 'warning').length };
}

export interface PhaseTiming {
  phases: Array<{ phase: string; ms: number }>;
  totalMs: number;
  artifacts: ArtifactSet;
}

/** generate()'s pipeline with a stopwatch between stages (it stops at the first error). */
export async function timePhases(root: string): Promise<PhaseTiming> {
  const phases: Array<{ phase: string; ms: number }> = [];
  let t = performance.now();
  const lap = (phase: string) => {
    const now = performance.now();
    phases.push({ phase, ms: now - t });
    t = now;
  };
  const fail = (stage: string): never => {
    throw new Error(`the benchmark project failed at ${stage}: run generate() on ${root} for its diagnostics`);
  };
  const files = await discover(root);
  if ('missing' in files) return fail('discover');
  lap('discover');
  if (typecheck(files).diagnostics.some((d) => d.severity === 'error')) fail('type-check');
  lap('type-check');
  const { loaded } = await loadProject(files);
  if (!loaded) return fail('load');
  lap('load definitions');
  if (validateShapes(loaded).some((d) => d.severity === 'error')) fail('validate shapes');
  lap('validate shapes');
  const { analyzed, diagnostics } = analyze(loaded);
  if (diagnostics.some((d) => d.severity === 'error')) fail('analyze');
  lap('analyze (lints, PromQL checks)');
  const tests = await compileAlertTests(analyzed, undefined);
  lap('promtool test synthesis (no cache)');
  const outputs = await compileOutputs(analyzed);
  if (outputs.diagnostics.some((d) => d.severity === 'error')) fail('compile');
  const artifacts = new Map([...outputs.artifacts, ...compileTestFiles(outputs.units, tests.alerts)]);
  lap('compile (rules, files)');
  await writeArtifacts(path.join(root, GENERATED_DIR), artifacts);
  lap('write');
  return { phases, totalMs: phases.reduce((a, p) => a + p.ms, 0), artifacts };
}
