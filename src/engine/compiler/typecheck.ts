import { mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type TS from 'typescript';
import type { Diagnostic } from '../../library/diagnostics/diagnostic.js';
import type { ProjectFiles } from './discover.js';
import { relative } from './paths.js';
import { writeWhole } from './cache/store.js';

// Required, not imported: an ESM import of TypeScript's 9 MB CommonJS file makes Node scan it
// for export names first, most of a second on every generate.
const ts = createRequire(import.meta.url)('typescript') as typeof TS;

/** Compiler options for a project without a tsconfig.json: what `lookout init` writes. */
const DEFAULT_OPTIONS: TS.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  strict: true,
  skipLibCheck: true,
};

/**
 * lookout's own library (src/library from the repository, dist/library installed): a project
 * that resolves 'lookout' to its TypeScript source gets it into the program, but its errors
 * are lookout's to fix, and checking it costs a second on every generate.
 */
const LIBRARY_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../library') + path.sep;

function compilerOptions(files: ProjectFiles): { options: TS.CompilerOptions; problems: readonly TS.Diagnostic[]; configFiles: string[] } {
  if (!files.tsconfig) return { options: DEFAULT_OPTIONS, problems: [], configFiles: [] };
  const read = ts.readConfigFile(files.tsconfig, ts.sys.readFile);
  if (read.error) return { options: DEFAULT_OPTIONS, problems: [read.error], configFiles: [files.tsconfig] };
  // Parsed from its source file, the config also tells which files it `extends`: inputs as much as it is.
  const source = ts.readJsonConfigFile(files.tsconfig, ts.sys.readFile);
  const parsed = ts.parseJsonSourceFileConfigFileContent(source, ts.sys, files.root, undefined, files.tsconfig);
  return { options: parsed.options, problems: parsed.errors.filter((e) => e.code !== 18003), configFiles: [files.tsconfig, ...(source.extendedSourceFiles ?? [])] };
}

function toDiagnostic(d: TS.Diagnostic, root: string): Diagnostic {
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

/** The build info, written whole or not at all: two generates may save it at once. */
function saveBuildInfo(file: string, text: string): void {
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeWhole(file, text);
  } catch {
    // Only the next check's speed depends on it.
  }
}

/**
 * Parsed files kept between type checks in one process (a thread that checks project after
 * project, a test run): a file whose text and parse settings are unchanged is not parsed
 * again. TypeScript's language service shares source files between programs the same way;
 * the libraries, @types/node and lookout's own types are most of what a check parses.
 */
export class ParsedSources {
  private readonly files = new Map<string, { text: string; sourceFile: TS.SourceFile }>();

  /**
   * A host that takes unchanged files from here and records the others it parses. An
   * incremental host's files carry a version (a hash of their text) that a plain host's lack
   * and its builder requires, so the two kinds never share a file.
   */
  wrap(host: TS.CompilerHost, incremental: boolean): TS.CompilerHost {
    const parse = host.getSourceFile.bind(host);
    host.getSourceFile = (fileName, settings, onError, shouldCreate) => {
      const text = host.readFile(fileName);
      if (text === undefined) return parse(fileName, settings, onError, shouldCreate);
      const key = `${incremental ? 'versioned' : 'plain'}\0${fileName}\0${JSON.stringify(settings)}`;
      const known = this.files.get(key);
      if (known && known.text === text && !shouldCreate) return known.sourceFile;
      const sourceFile = parse(fileName, settings, onError, shouldCreate);
      if (sourceFile) this.files.set(key, { text, sourceFile });
      return sourceFile;
    };
    return host;
  }
}

/**
 * The program, incremental when `buildInfoFile` is given: TypeScript records there which
 * files it checked and what it found, and the next program re-checks only the files that
 * changed and those whose view of a change differs. Unreadable build info (corrupt, another
 * TypeScript) only makes the check a full one.
 */
function createProgram(rootNames: string[], options: TS.CompilerOptions, buildInfoFile: string | undefined, sources: ParsedSources): TS.Program | TS.EmitAndSemanticDiagnosticsBuilderProgram {
  if (!buildInfoFile) return ts.createProgram(rootNames, { ...options, noEmit: true }, sources.wrap(ts.createCompilerHost(options), false));
  const incremental = { ...options, noEmit: true, incremental: true, tsBuildInfoFile: buildInfoFile, composite: false };
  const host = sources.wrap(ts.createIncrementalCompilerHost(incremental), true);
  host.writeFile = (file, text) => saveBuildInfo(file, text);
  try {
    return ts.createIncrementalProgram({ rootNames, options: incremental, host });
  } catch {
    rmSync(buildInfoFile, { force: true });
    return ts.createIncrementalProgram({ rootNames, options: incremental, host });
  }
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
export function typecheck(files: ProjectFiles, buildInfoFile?: string, sources = new ParsedSources()): { diagnostics: Diagnostic[]; read: string[] } {
  const { options, problems, configFiles } = compilerOptions(files);
  const program = createProgram([files.config, ...files.modules], options, buildInfoFile, sources);
  const own = program.getSourceFiles().filter((sf) => isProjectFile(sf.fileName));
  const builder = 'getSemanticDiagnosticsOfNextAffectedFile' in program ? program : undefined;
  // Checks the files a change affects, the project's only, and records them as checked; the
  // per-file calls below then return what is recorded.
  while (builder?.getSemanticDiagnosticsOfNextAffectedFile(undefined, (sf) => !isProjectFile(sf.fileName)));
  const found = [
    ...problems,
    ...program.getConfigFileParsingDiagnostics(),
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics(),
    ...own.flatMap((sf) => [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)]),
  ];
  // With noEmit, emitting writes only the build info.
  builder?.emit();
  const diagnostics = found.filter((d) => !d.file || isProjectFile(d.file.fileName)).map((d) => toDiagnostic(d, files.root));
  return { diagnostics, read: [...configFiles, ...own.map((sf) => path.resolve(sf.fileName))] };
}
