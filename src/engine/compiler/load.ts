import { fileURLToPath, pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';
import type { Diagnostic } from '../../library/diagnostics/diagnostic.js';
import type { Project } from '../../library/project.js';
import type { ProjectFiles } from './discover.js';
import type { DefinitionModule, LoadedProject } from './model.js';
import { keepingCallSites, userThrowSite } from '../../library/source.js';
import { relative } from './paths.js';
import { loadProjectTypeScriptAsModules } from './isolate/projectModules.js';
import { working } from './isolate/progress.js';
import { describeThrown, throwStatementOf } from './isolate/thrownValue.js';
import { snapshotBuiltins } from './isolate/threadState.js';
import { builtinChangeDiagnostic } from './isolate/builtinChange.js';
import { collectDefinitions } from './moduleDefinitions.js';
import { configExportDiagnostic } from './configExport.js';
import { callSiteOf, isObject, located } from './definitionSites.js';
import { exportSites } from './exportSites.js';

/**
 * Imports the project's TypeScript through tsx, honouring its tsconfig (paths included). All
 * modules share one namespace, so what they have in common (the catalog, the library) is
 * loaded once, not once per definition file; `imported` collects every file loaded, for the
 * cache's record of what a generate read.
 */
let loaders = 0;

class ModuleLoader {
  readonly imported = new Set<string>();
  private readonly api;

  constructor(files: ProjectFiles) {
    this.api = register({
      namespace: `lookout-definitions-${++loaders}`,
      tsconfig: files.tsconfig ?? false,
      onImport: (url) => {
        if (url.startsWith('file://')) this.imported.add(fileURLToPath(url));
      },
    });
    loadProjectTypeScriptAsModules();
  }

  /** Stack traces point at the TypeScript the user wrote: definitions record their call site from them, and a module that throws is reported at its line. */
  import(file: string): Promise<Record<string, unknown>> {
    process.setSourceMapsEnabled(true);
    return keepingCallSites(async () => (await this.api.import(pathToFileURL(file).href, import.meta.url)) as Record<string, unknown>);
  }

  close(): Promise<void> {
    return this.api.unregister();
  }
}

/**
 * A module's failure as one diagnostic, at its source: the project file and line that threw
 * (perhaps a module the one imported imports), or for a value without a stack (`throw 'x'`)
 * the `throw` that wrote it. `files` are the module being imported, then the project's files
 * imported so far.
 */
function loadError(error: unknown, files: readonly string[], root: string): Diagnostic {
  const site = userThrowSite(error, root) ?? (error instanceof Error ? undefined : throwStatementOf(error, files));
  const d: Diagnostic = { code: 'load/module', severity: 'error', file: relative(root, site?.file ?? files[0]!), path: '', message: `importing the module failed: ${describeThrown(error).split('\n')[0]}` };
  if (site) {
    d.line = site.line;
    d.column = site.column;
  }
  return d;
}

/**
 * Reports each failure once. A module that threw stays failed: every module importing it
 * throws the same value again, and a circular import's error surfaces in each module of the
 * cycle; only the first report, at the source, is kept.
 */
class Failures {
  readonly diagnostics: Diagnostic[] = [];
  private readonly seen = new Set<unknown>();
  private readonly keys = new Set<string>();

  constructor(
    private readonly root: string,
    private readonly loader: ModuleLoader,
  ) {}

  add(error: unknown, file: string): void {
    if (typeof error === 'object' && error !== null) {
      if (this.seen.has(error)) return;
      this.seen.add(error);
    }
    const under = this.root + '/';
    const own = [...this.loader.imported].filter((f) => f !== file && f.startsWith(under) && !f.includes('/node_modules/'));
    const d = loadError(error, [file, ...own], this.root);
    const key = `${d.file}:${d.line}:${d.message}`;
    if (this.keys.has(key)) return;
    this.keys.add(key);
    this.diagnostics.push(d);
  }
}

/**
 * Imports the config and every definition module. Exceptions while importing become
 * diagnostics naming the file and line, so one broken module does not hide the others.
 * `imported` lists every file the project loaded (its own and its packages').
 */
export async function loadProject(files: ProjectFiles): Promise<{ loaded?: LoadedProject; diagnostics: Diagnostic[]; imported: string[] }> {
  const loader = new ModuleLoader(files);
  try {
    return { ...(await loadWith(loader, files)), imported: [...loader.imported].sort() };
  } finally {
    await loader.close();
  }
}

async function loadWith(loader: ModuleLoader, files: ProjectFiles): Promise<{ loaded?: LoadedProject; diagnostics: Diagnostic[] }> {
  const failures = new Failures(files.root, loader);
  const diagnostics = failures.diagnostics;
  const builtins = snapshotBuiltins();
  // The builtins are compared after each import; on a change, the project files that import
  // read (loader.imported keeps their order) are where to look for the line that did it.
  let seen = 0;
  const changedBuiltins = (file: string): boolean => {
    const before = seen;
    seen = loader.imported.size;
    const change = builtins.changed();
    if (!change) return false;
    const fresh = [...loader.imported].slice(before).filter((f) => f !== file && f.startsWith(`${files.root}/`) && !f.includes('/node_modules/'));
    diagnostics.push(builtinChangeDiagnostic(change, [file, ...fresh], files.root));
    return true;
  };
  let config: Record<string, unknown>;
  try {
    working({ doing: 'importing the module', file: files.config });
    config = await loader.import(files.config);
  } catch (e) {
    failures.add(e, files.config);
    return { diagnostics };
  } finally {
    changedBuiltins(files.config);
  }
  if (diagnostics.length > 0) return { diagnostics };
  const exported = config.default;
  if (!isObject(exported) || exported.kind !== 'project') {
    diagnostics.push(configExportDiagnostic(config, files.config, files.root));
    return { diagnostics };
  }
  // A project written by hand has no call site: its problems are reported at `export default`.
  const project = callSiteOf(exported) ? (exported as unknown as Project) : located(exported as unknown as Project, exportSites(files.config).of('default'));
  const modules: DefinitionModule[] = [];
  for (const file of files.modules) {
    const relPath = relative(files.root, file);
    try {
      working({ doing: 'importing the module', file });
      const exports = await loader.import(file);
      modules.push({ file, relPath, ...collectDefinitions(exports, file, files.root, diagnostics) });
    } catch (e) {
      failures.add(e, file);
    }
    if (changedBuiltins(file)) return { diagnostics };
  }
  return { loaded: { root: files.root, project, catalogs: Array.isArray(project.catalogs) ? [...project.catalogs] : [], modules }, diagnostics };
}
