import { Node, SyntaxKind, type SourceFile } from 'ts-morph';
import { defineCheck, diagnose } from '../../library/diagnostics/check.js';
import type { Diagnostic } from '../../library/diagnostics/diagnostic.js';
import { sourceOf } from './program.js';

export const promClientImport = defineCheck({
  id: 'lint/prom-client-import',
  severity: 'error',
  title: 'Service code does not import prom-client',
  why: 'prom-client is how a metric gets created outside the catalog: whatever it builds is invisible to the rules, SLOs and dashboards typed from the catalog. The service records through `instrument(catalog)` only.',
});

const PROM_CLIENT = /^prom-client(?:\/|$)/;

/** Whether a string literal is the module of an import: `import`, `export ... from`, `import =`, `require()`, `import()`, `import('m').T`. */
function isModuleSpecifier(node: Node): boolean {
  const parent = node.getParent();
  if (Node.isImportDeclaration(parent) || Node.isExportDeclaration(parent) || Node.isExternalModuleReference(parent) || Node.isLiteralTypeNode(parent)) return true;
  if (!Node.isCallExpression(parent)) return false;
  const callee = parent.getExpression();
  return callee.getKind() === SyntaxKind.ImportKeyword || (Node.isIdentifier(callee) && callee.getText() === 'require');
}

/** Every place `file` loads prom-client, type-only imports included: a service reaches it only through the catalog. */
export function checkPromClientImports(file: SourceFile): Diagnostic[] {
  return file
    .getDescendantsOfKind(SyntaxKind.StringLiteral)
    .filter((s) => PROM_CLIENT.test(s.getLiteralValue()) && isModuleSpecifier(s))
    .map((s) =>
      diagnose(promClientImport, {
        path: '',
        source: sourceOf(s),
        message: `imports "${s.getLiteralValue()}": service code records metrics only through instrument(catalog)`,
        hint: 'declare the metric in the catalog and record it through instrument(catalog); for the /metrics handler use registryOf(instruments)',
      }),
    );
}
