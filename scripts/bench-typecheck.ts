/**
 * Where a project's type check spends its time, as generate's type check runs it in a fresh
 * process (no build info): parsing and binding each kind of file the program reads, then
 * checking the project's own files, by folder. A script, not a test.
 *
 *   npx tsx scripts/bench-typecheck.ts [PROJECT_DIR]
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type TS from 'typescript';
import { discover } from '../src/engine/compiler/discover.js';

const ts = createRequire(import.meta.url)('typescript') as typeof TS;

function kindOf(file: string): string {
  if (file.includes('/@grafana/grafana-foundation-sdk/')) return 'the Grafana foundation SDK';
  if (file.includes('/typescript/lib/')) return "TypeScript's libraries";
  if (file.includes('/@types/node/')) return '@types/node';
  if (file.includes('/node_modules/')) return 'other packages';
  if (file.includes('/src/library/')) return "lookout's library (source)";
  return 'the project';
}

const root = path.resolve(process.argv[2] ?? '.');
const files = await discover(root);
if ('missing' in files) throw new Error(`${root} has no lookout.config.ts`);
const parsed = files.tsconfig ? ts.getParsedCommandLineOfConfigFile(files.tsconfig, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined }) : undefined;
const options: TS.CompilerOptions = { ...(parsed?.options ?? { strict: true, skipLibCheck: true }), noEmit: true };
const host = ts.createCompilerHost(options);
const parse = host.getSourceFile.bind(host);
const byKind = new Map<string, { files: number; bytes: number; ms: number }>();
host.getSourceFile = (fileName, ...rest) => {
  const start = performance.now();
  const sf = parse(fileName, ...rest);
  const k = byKind.get(kindOf(fileName)) ?? { files: 0, bytes: 0, ms: 0 };
  byKind.set(kindOf(fileName), { files: k.files + 1, bytes: k.bytes + (sf?.text.length ?? 0), ms: k.ms + performance.now() - start });
  return sf;
};
const t0 = performance.now();
const program = ts.createProgram([files.config, ...files.modules], options, host);
program.getTypeChecker();
const t1 = performance.now();
const checkByFolder = new Map<string, number>();
for (const sf of program.getSourceFiles()) {
  if (kindOf(sf.fileName) !== 'the project') continue;
  const folder = path.relative(root, sf.fileName).split('/')[0]!;
  const start = performance.now();
  program.getSemanticDiagnostics(sf);
  checkByFolder.set(folder, (checkByFolder.get(folder) ?? 0) + performance.now() - start);
}
const t2 = performance.now();
console.log(`${root}: ${program.getSourceFiles().length} files parsed and bound in ${(t1 - t0).toFixed(0)} ms; the project's files checked in ${(t2 - t1).toFixed(0)} ms`);
for (const [kind, k] of [...byKind].sort((a, b) => b[1].ms - a[1].ms)) console.log(`  parse  ${kind}: ${k.files} files, ${(k.bytes / 1024).toFixed(0)} KB, ${k.ms.toFixed(0)} ms`);
for (const [folder, ms] of [...checkByFolder].sort((a, b) => b[1] - a[1])) console.log(`  check  ${folder}: ${ms.toFixed(0)} ms`);
console.log("(a folder's check includes resolving the library types its files are the first to use)");
