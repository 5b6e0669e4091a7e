import { Project as TsProject } from 'ts-morph';
import ts from 'typescript';
import type { Diagnostic } from '../toolkit/diagnostics/diagnostic.js';
import type { ProjectFiles } from './discover.js';
import { relative } from './paths.js';

/** Compiler options for a project without a tsconfig.json: what `lookout init` writes. */
const DEFAULT_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  strict: true,
  skipLibCheck: true,
};

function compilerOptions(files: ProjectFiles): { options: ts.CompilerOptions; problems: readonly ts.Diagnostic[] } {
  if (!files.tsconfig) return { options: DEFAULT_OPTIONS, problems: [] };
  const read = ts.readConfigFile(files.tsconfig, ts.sys.readFile);
  if (read.error) return { options: DEFAULT_OPTIONS, problems: [read.error] };
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, files.root, undefined, files.tsconfig);
  return { options: parsed.options, problems: parsed.errors.filter((e) => e.code !== 18003) };
}

function toDiagnostic(d: ts.Diagnostic, root: string): Diagnostic {
  const out: Diagnostic = {
    code: `typescript/TS${d.code}`,
    severity: d.category === ts.DiagnosticCategory.Error ? 'error' : 'warning',
    path: '',
    message: ts.flattenDiagnosticMessageText(d.messageText, '\n'),
  };
  if (d.file) {
    out.file = relative(root, d.file.fileName);
    if (d.start !== undefined) {
      const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
      out.line = line + 1;
      out.column = character + 1;
    }
  }
  return out;
}

/**
 * Type-checks the config and the definition modules (and what they import) with the
 * TypeScript compiler. A wrong metric or label name in a typed query
 * is a type error here, before anything is loaded. The program is built with TypeScript's
 * own host rather than a ts-morph Project, because only the real host reads package.json
 * "type" to decide whether a file is an ES module (ts-morph issue 1446).
 */
export function typecheck(files: ProjectFiles): { diagnostics: Diagnostic[]; program: TsProject } {
  const { options, problems } = compilerOptions(files);
  const program = ts.createProgram([files.config, ...files.modules], { ...options, noEmit: true }, ts.createCompilerHost(options));
  const diagnostics = [...problems, ...ts.getPreEmitDiagnostics(program)]
    .filter((d) => !d.file?.fileName.includes('/node_modules/'))
    .map((d) => toDiagnostic(d, files.root));
  // A syntax-only project for pointing diagnostics at fields; no type information needed.
  const syntax = new TsProject({ compilerOptions: { allowJs: false }, skipFileDependencyResolution: true });
  return { diagnostics, program: syntax };
}
