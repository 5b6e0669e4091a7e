import { existsSync } from 'node:fs';
import path from 'node:path';
import { Project as TsProject, ts, type Node } from 'ts-morph';
import type { SourceLocation } from '../../library/diagnostics/diagnostic.js';

/** What `lookout init` projects compile with, for a project without a tsconfig.json. */
const DEFAULT_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  strict: true,
};

/**
 * One type-checked program over the services' sources (and, through their imports, the
 * catalogs and the library), built with the project's own tsconfig so path mappings such as
 * `lookout` resolve as they do for tsc. Only the given files are added; declaration files of
 * libraries are not checked.
 */
export function lintProgram(root: string, files: readonly string[]): TsProject {
  const tsconfig = path.join(root, 'tsconfig.json');
  const project = existsSync(tsconfig)
    ? new TsProject({ tsConfigFilePath: tsconfig, skipAddingFilesFromTsConfig: true, compilerOptions: { skipLibCheck: true, noEmit: true } })
    : new TsProject({ compilerOptions: { ...DEFAULT_OPTIONS, skipLibCheck: true, noEmit: true } });
  for (const file of files) project.addSourceFileAtPath(file);
  return project;
}

/** Where a node starts, for a diagnostic: absolute file, 1-based line and column. */
export function sourceOf(node: Node): SourceLocation {
  const sf = node.getSourceFile();
  const { line, column } = sf.getLineAndColumnAtPos(node.getStart());
  return { file: sf.getFilePath(), line, column };
}
