import { Node, SyntaxKind, type CallExpression, type Project as TsProject, type Symbol as TsSymbol, type ts } from 'ts-morph';
import type { Catalog } from '../../library/catalog/define.js';
import type { AnyMetric } from '../../library/catalog/metric.js';
import { catalogFactory } from './symbols.js';

/** One metric of a catalog, with the node that declares it (`requests: counter({...})`). */
export interface CatalogEntry {
  readonly catalog: Catalog;
  readonly key: string;
  readonly metric: AnyMetric;
  readonly declaration: Node;
}

/** A catalog found in the TypeScript program: its `defineMetrics({...})` call and entries. */
export interface LocatedCatalog {
  readonly catalog: Catalog;
  readonly file: string;
  readonly call: CallExpression;
  readonly entries: readonly CatalogEntry[];
}

/**
 * Finds the `defineMetrics()` call that built `catalog`, from the call site it recorded at run
 * time, and the declaration of each entry as the type checker sees it, so declarations reached
 * from an instrument's property can be matched against them.
 */
export function locateCatalog(program: TsProject, catalog: Catalog): LocatedCatalog | { problem: string } {
  const source = catalog.source;
  if (!source) return { problem: `cannot tell where catalog "${catalog.job}" is defined: it was not built by defineMetrics()` };
  const sf = program.getSourceFile(source.file) ?? program.addSourceFileAtPathIfExists(source.file);
  if (!sf) return { problem: `catalog "${catalog.job}" is defined in ${source.file}, which cannot be read` };
  const calls = sf.getDescendantsOfKind(SyntaxKind.CallExpression).filter((c) => catalogFactory(c.getExpression()) === 'defineMetrics');
  const call =
    calls.find((c) => c.getStartLineNumber() === source.line) ??
    calls.find((c) => c.getStartLineNumber() <= source.line && source.line <= c.getEndLineNumber()) ??
    (calls.length === 1 ? calls[0] : undefined);
  if (!call) return { problem: `no defineMetrics() call for catalog "${catalog.job}" at ${source.file}:${source.line}` };
  const metricsSymbol = call.getType().getProperty('metrics');
  const metricsType = metricsSymbol?.getTypeAtLocation(call);
  const entries: CatalogEntry[] = [];
  for (const [key, metric] of Object.entries(catalog.metrics)) {
    const declaration = metricsType?.getProperty(key)?.getDeclarations()[0];
    if (declaration) entries.push({ catalog, key, metric, declaration });
  }
  return { catalog, file: sf.getFilePath(), call, entries };
}

/** Every entry of the linted catalogs, found from any symbol that declares one. */
export class EntryTable {
  private readonly byDeclaration = new Map<ts.Node, CatalogEntry>();
  private readonly byCatalogType = new Map<ts.Type, LocatedCatalog>();

  constructor(catalogs: readonly LocatedCatalog[]) {
    for (const located of catalogs) {
      for (const e of located.entries) this.byDeclaration.set(e.declaration.compilerNode, e);
      this.byCatalogType.set(located.call.getType().compilerType, located);
    }
  }

  /** The entry one of `symbol`'s declarations is: an instrument property of a homomorphic mapped type points back at it. */
  declaredBy(symbol: TsSymbol): CatalogEntry | undefined {
    for (const d of symbol.getDeclarations()) {
      const entry = this.byDeclaration.get(d.compilerNode);
      if (entry) return entry;
    }
    return undefined;
  }

  /** The entry `key` of the catalog whose type is `catalogType` (`typeof gateway`), for instruments found by their `Instruments<...>` type. */
  byType(catalogType: ts.Type, key: string): CatalogEntry | undefined {
    return this.byCatalogType.get(catalogType)?.entries.find((e) => e.key === key);
  }
}
