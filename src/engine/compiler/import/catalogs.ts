import path from 'node:path';
import { Node, Project as TsProject, SyntaxKind, type ArrayLiteralExpression, type SourceFile } from 'ts-morph';
import type { Catalog } from '../../../library/catalog/define.js';
import type { Diagnostic } from '../../../library/diagnostics/diagnostic.js';
import { discover } from '../discover.js';
import { loadProject } from '../load.js';
import { relative } from '../paths.js';

/** Where generated code can import a catalog from. */
export interface CatalogExport {
  /** The exported name. */
  name: string;
  /** An absolute path as the config imports it (`/p/metrics.js`), or a package specifier. */
  module: string;
}

/** A catalog of the project, and where it is exported from when that could be found. */
export interface ProjectCatalog {
  catalog: Catalog;
  from?: CatalogExport | undefined;
}

/** `./metrics.js` → `/p/metrics.js`; package and path-mapped specifiers stay as written. */
function moduleOf(specifier: string, configDir: string): string {
  return specifier.startsWith('.') ? path.resolve(configDir, specifier) : specifier;
}

/** Where the config gets the identifier `name` from: a named import, or its own export. */
function resolveIdentifier(config: SourceFile, name: string): CatalogExport | undefined {
  const dir = path.dirname(config.getFilePath());
  for (const decl of config.getImportDeclarations()) {
    for (const named of decl.getNamedImports()) {
      if ((named.getAliasNode()?.getText() ?? named.getName()) === name) return { name: named.getName(), module: moduleOf(decl.getModuleSpecifierValue(), dir) };
    }
  }
  const local = config.getVariableDeclaration(name);
  if (local?.isExported()) return { name, module: config.getFilePath().replace(/\.(m|c)?ts$/, '.$1js') };
  return undefined;
}

/** The config as ts-morph reads it, from disk or from `text` (an edit not yet written). */
export function parseConfig(configFile: string, text?: string): SourceFile {
  const ts = new TsProject({ skipAddingFilesFromTsConfig: true, skipFileDependencyResolution: true, compilerOptions: { allowJs: false } });
  return text === undefined ? ts.addSourceFileAtPath(configFile) : ts.createSourceFile(configFile, text, { overwrite: true });
}

/** The `[...]` of `defineProject({ catalogs: [...] })`, when the config writes it so. */
export function catalogList(config: SourceFile): ArrayLiteralExpression | undefined {
  const call = config.getDescendantsOfKind(SyntaxKind.CallExpression).find((c) => c.getExpression().getText() === 'defineProject');
  const options = call?.getArguments()[0];
  if (!options || !Node.isObjectLiteralExpression(options)) return undefined;
  const catalogs = options.getProperty('catalogs');
  const list = Node.isPropertyAssignment(catalogs) ? catalogs.getInitializer() : undefined;
  return list && Node.isArrayLiteralExpression(list) ? list : undefined;
}

/**
 * The export behind each entry of `defineProject({ catalogs: [...] })`, in order, read from
 * the config's syntax: `[shop]` with `import { shop } from './metrics.js'` is `shop` of
 * `./metrics.js`. An entry that is not a plain identifier has none. `text` reads an edited
 * config before it is written.
 */
export function catalogExports(configFile: string, text?: string): (CatalogExport | undefined)[] {
  return catalogExportsOf(parseConfig(configFile, text));
}

function catalogExportsOf(config: SourceFile): (CatalogExport | undefined)[] {
  const list = catalogList(config);
  if (!list) return [];
  const elements = list.getElements();
  // After a spread, positions no longer line up with the loaded catalogs.
  if (elements.some((e) => Node.isSpreadElement(e))) return [];
  return elements.map((e) => (Node.isIdentifier(e) ? resolveIdentifier(config, e.getText()) : undefined));
}

/**
 * The project's catalogs, loaded the way `lookout generate` loads them (the config through
 * tsx, honouring its tsconfig), each with the module that exports it.
 */
export async function loadCatalogs(root: string): Promise<{ catalogs?: ProjectCatalog[]; diagnostics: Diagnostic[]; configFile?: string; configIdentifiers?: Set<string> }> {
  const files = await discover(root);
  if ('missing' in files) {
    const d: Diagnostic = { code: 'load/config', severity: 'error', file: relative(process.cwd(), files.missing), path: '', message: `no lookout.config.ts in ${root}`, hint: 'pass --project DIR' };
    return { diagnostics: [d] };
  }
  const { loaded, diagnostics } = await loadProject({ ...files, modules: [] });
  if (!loaded) return { diagnostics };
  const config = parseConfig(files.config);
  const exports = catalogExportsOf(config);
  // Every identifier the config spells, so a catalog the import adds cannot shadow or clash with one.
  const configIdentifiers = new Set(config.getDescendantsOfKind(SyntaxKind.Identifier).map((i) => i.getText()));
  return { catalogs: loaded.catalogs.map((catalog, i) => ({ catalog, from: exports[i] })), diagnostics, configFile: files.config, configIdentifiers };
}
