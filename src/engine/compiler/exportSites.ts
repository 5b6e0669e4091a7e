import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type TS from 'typescript';
import type { SourceLocation } from '../../library/diagnostics/diagnostic.js';

/**
 * Where each export of a module is written, by the name it is exported under: `export const
 * slos = ...` → `slos`, `export default ...` and `module.exports = ...` → `default`,
 * `export { a as b }` → `b` (at the specifier). A definition lookout's builders did not make
 * has no call site of its own; the export that holds it is the next best place to point at.
 *
 * The module is parsed, not matched with patterns, so comments and strings that look like
 * exports are not taken for them. TypeScript is loaded only when a module needs this.
 */
export interface ExportSites {
  /** The export named `name`; else the module's first `export * from` (a re-export of another module's); else its first line. */
  of(name: string): SourceLocation;
}

let typescript: typeof TS | undefined;

function parse(file: string): TS.SourceFile | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  typescript ??= createRequire(import.meta.url)('typescript') as typeof TS;
  return typescript.createSourceFile(file, text, typescript.ScriptTarget.Latest, false);
}

function hasModifier(ts: typeof TS, node: TS.Node, kind: TS.SyntaxKind): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === kind);
}

/** `module.exports` → ''; `exports.x` or `module.exports.x` → 'x'; anything else → undefined. */
function commonJsTarget(ts: typeof TS, node: TS.Expression): string | undefined {
  const isModuleExports = (e: TS.Expression) => ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'module' && e.name.text === 'exports';
  if (isModuleExports(node)) return '';
  if (!ts.isPropertyAccessExpression(node)) return undefined;
  const holder = node.expression;
  return (ts.isIdentifier(holder) && holder.text === 'exports') || isModuleExports(holder) ? node.name.text : undefined;
}

/** The names a top-level statement exports, each with the node to point at. */
function exportsOf(ts: typeof TS, st: TS.Statement): Array<[string, TS.Node]> {
  if (ts.isExportAssignment(st)) return [['default', st]];
  if (ts.isExportDeclaration(st)) {
    const clause = st.exportClause;
    if (!clause) return [['*', st]];
    if (ts.isNamespaceExport(clause)) return [[clause.name.text, st]];
    return clause.elements.map((e) => [e.name.text, e]);
  }
  if (ts.isExpressionStatement(st) && ts.isBinaryExpression(st.expression) && st.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    const target = commonJsTarget(ts, st.expression.left);
    return target === undefined ? [] : [[target || 'default', st]];
  }
  if (!hasModifier(ts, st, ts.SyntaxKind.ExportKeyword)) return [];
  if (hasModifier(ts, st, ts.SyntaxKind.DefaultKeyword)) return [['default', st]];
  if (ts.isVariableStatement(st)) return st.declarationList.declarations.flatMap((d) => bindingNames(ts, d.name).map((n): [string, TS.Node] => [n, st]));
  if ((ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st) || ts.isEnumDeclaration(st)) && st.name) return [[st.name.text, st]];
  return [];
}

/** `const { a, b: [c] } = ...` declares a and c. */
function bindingNames(ts: typeof TS, name: TS.BindingName): string[] {
  if (ts.isIdentifier(name)) return [name.text];
  return name.elements.flatMap((e) => (ts.isOmittedExpression(e) ? [] : bindingNames(ts, e.name)));
}

export function exportSites(file: string): ExportSites {
  const sites = new Map<string, SourceLocation>();
  const sf = parse(file);
  if (sf && typescript) {
    for (const st of sf.statements) {
      for (const [name, node] of exportsOf(typescript, st)) {
        if (sites.has(name)) continue;
        const at = sf.getLineAndCharacterOfPosition(node.getStart(sf));
        sites.set(name, { file, line: at.line + 1, column: at.character + 1 });
      }
    }
  }
  return { of: (name) => sites.get(name) ?? sites.get('*') ?? { file, line: 1, column: 1 } };
}
