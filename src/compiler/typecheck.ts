import path from 'node:path';
import { fileURLToPath } from 'node:url';
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

/**
 * lookout's own library (src/toolkit from the repository, dist/toolkit installed): a project
 * that resolves 'lookout' to its TypeScript source gets it into the program, but its errors
 * are lookout's to fix, and checking it costs a second on every generate.
 */
const LIBRARY_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../toolkit') + path.sep;

function compilerOptions(files: ProjectFiles): { options: ts.CompilerOptions; problems: readonly ts.Diagnostic[]; configFiles: string[] } {
  if (!files.tsconfig) return { options: DEFAULT_OPTIONS, problems: [], configFiles: [] };
  const read = ts.readConfigFile(files.tsconfig, ts.sys.readFile);
  if (read.error) return { options: DEFAULT_OPTIONS, problems: [read.error], configFiles: [files.tsconfig] };
  // Parsed from its source file, the config also tells which files it `extends`: inputs as much as it is.
  const source = ts.readJsonConfigFile(files.tsconfig, ts.sys.readFile);
  const parsed = ts.parseJsonSourceFileConfigFileContent(source, ts.sys, files.root, undefined, files.tsconfig);
  return { options: parsed.options, problems: parsed.errors.filter((e) => e.code !== 18003), configFiles: [files.tsconfig, ...(source.extendedSourceFiles ?? [])] };
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

/** A file whose errors are the project's: not a package's, not lookout's own library. */
function isProjectFile(fileName: string): boolean {
  return !fileName.includes('/node_modules/') && !path.resolve(fileName).startsWith(LIBRARY_DIR);
}

/**
 * Type-checks the config and the definition modules (and what they import) with the
 * TypeScript compiler. A wrong metric or label name in a typed query is a type error here,
 * before anything is loaded. Only the project's own files are checked; packages and lookout's
 * library are read for their types. The program is built with TypeScript's own host rather
 * than a ts-morph Project, because only the real host reads package.json "type" to decide
 * whether a file is an ES module (ts-morph issue 1446). `read` lists the project files the
 * program read (its own modules and configuration) for the cache's record.
 */
export function typecheck(files: ProjectFiles): { diagnostics: Diagnostic[]; read: string[] } {
  const { options, problems, configFiles } = compilerOptions(files);
  const program = ts.createProgram([files.config, ...files.modules], { ...options, noEmit: true }, ts.createCompilerHost(options));
  const own = program.getSourceFiles().filter((sf) => isProjectFile(sf.fileName));
  const found = [
    ...problems,
    ...program.getConfigFileParsingDiagnostics(),
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics(),
    ...own.flatMap((sf) => [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)]),
  ];
  const diagnostics = found.filter((d) => !d.file || isProjectFile(d.file.fileName)).map((d) => toDiagnostic(d, files.root));
  return { diagnostics, read: [...configFiles, ...own.map((sf) => path.resolve(sf.fileName))] };
}

