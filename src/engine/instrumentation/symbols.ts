import { fileURLToPath } from 'node:url';
import { Node, SymbolFlags, type Symbol as TsSymbol } from 'ts-morph';

// The library this lint belongs to (src/library or dist/library), whose declarations the
// analysed project reaches through its `lookout` path mapping or its node_modules.
const LIBRARY_DIR = fileURLToPath(new URL('../../library/', import.meta.url));
const PUBLISHED_LIBRARY = '/node_modules/lookout/dist/library/';

/** Whether `file` is the library module `module` (`catalog/define`), as source or as published declarations. */
export function isLibraryModule(file: string, module: string): boolean {
  const candidates = [`${module}.ts`, `${module}.d.ts`];
  return candidates.some((name) => file === `${LIBRARY_DIR}${name}` || file.endsWith(`${PUBLISHED_LIBRARY}${name}`));
}

export function isPromClientFile(file: string): boolean {
  return file.includes('/node_modules/prom-client/');
}

/** The symbol a name refers to, through `import { x }`, `import * as ns` and re-exports. */
export function resolvedSymbol(node: Node): TsSymbol | undefined {
  const symbol = node.getSymbol();
  if (symbol && symbol.hasFlags(SymbolFlags.Alias)) return symbol.getAliasedSymbol() ?? symbol;
  return symbol;
}

/** Whether one of `symbol`'s declarations lies in a file `inFile` accepts. */
export function declaredIn(symbol: TsSymbol | undefined, inFile: (file: string) => boolean): boolean {
  return Boolean(symbol?.getDeclarations().some((d) => inFile(d.getSourceFile().getFilePath())));
}

/** The catalog factories only a catalog file may call. */
export const CATALOG_FACTORIES = ['counter', 'gauge', 'histogram', 'defineMetrics'] as const;

/** The library catalog factory `callee` names, if it names one. */
export function catalogFactory(callee: Node): (typeof CATALOG_FACTORIES)[number] | undefined {
  const symbol = resolvedSymbol(Node.isPropertyAccessExpression(callee) ? callee.getNameNode() : callee);
  const name = CATALOG_FACTORIES.find((f) => f === symbol?.getName());
  return name && declaredIn(symbol, (f) => isLibraryModule(f, 'catalog/define')) ? name : undefined;
}

/** The prom-client metric classes. */
export const PROM_CLIENT_METRICS = ['Counter', 'Gauge', 'Histogram', 'Summary'] as const;

/** The prom-client metric class `expr` names (`Counter`, `client.Gauge`, an alias of either), if any. */
export function promClientMetricClass(expr: Node): string | undefined {
  const symbol = resolvedSymbol(Node.isPropertyAccessExpression(expr) ? expr.getNameNode() : expr);
  const name = PROM_CLIENT_METRICS.find((c) => c === symbol?.getName());
  return name && declaredIn(symbol, isPromClientFile) ? name : undefined;
}
